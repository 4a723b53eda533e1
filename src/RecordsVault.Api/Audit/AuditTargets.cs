using RecordsVault.Core.Cases;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Api.Authorization;

namespace RecordsVault.Api.Audit;

/// <summary>Notes the case an authorization is about in the request's audit event, with its owner, before the decision.</summary>
public sealed class AuditTargets(AuditTrail trail, CaseOwners owners)
{
    public async Task NoteAsync(object resource)
    {
        switch (resource)
        {
            case Case c:
                trail.AddCase(c.Id, c.OrganizationId);
                break;
            case Record r:
                trail.AddCase(r.CaseId, await owners.OrganizationOfAsync(r.CaseId));
                break;
        }
    }
}
