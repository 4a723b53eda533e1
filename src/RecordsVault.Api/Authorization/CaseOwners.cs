using Microsoft.EntityFrameworkCore;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Api.Authorization;

/// <summary>
/// The organization owning a case, looked up once per request: the record handler and the audit note both need
/// it for the same record, and a refusal asks the handler a second time.
/// </summary>
public sealed class CaseOwners(VaultDbContext db)
{
    private readonly Dictionary<string, string?> known = new(StringComparer.Ordinal);

    public async Task<string?> OrganizationOfAsync(string caseId)
    {
        if (!known.TryGetValue(caseId, out var organization))
        {
            organization = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.OrganizationId).FirstOrDefaultAsync();
            known[caseId] = organization;
        }

        return organization;
    }
}
