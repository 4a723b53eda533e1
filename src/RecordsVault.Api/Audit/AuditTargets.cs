using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Api.Audit;

/// <summary>Notes the case an authorization is about in the request's audit event, with its owner, before the decision.</summary>
public sealed class AuditTargets(AuditTrail trail, VaultDbContext db)
{
    public async Task NoteAsync(object resource)
    {
        switch (resource)
        {
            case Case c:
                trail.AddCase(c.Id, c.OrganizationId);
                break;
            case Record r:
                var owner = await db.Cases.AsNoTracking().Where(c => c.Id == r.CaseId).Select(c => c.OrganizationId).FirstOrDefaultAsync();
                trail.AddCase(r.CaseId, owner);
                break;
        }
    }
}
