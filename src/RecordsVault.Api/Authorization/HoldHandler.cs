using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;
using RecordsVault.Core.Holds;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Api.Authorization;

/// <summary>
/// Operations on a litigation hold. It can be read by the organization that applied it and by those whose
/// cases it covers; it can be released only by the organization that applied it (or, by the table, ORR).
/// </summary>
public sealed class HoldHandler(IOptions<VaultIdentityOptions> identity, TimeProvider clock, VaultDbContext db)
    : ResourceHandler<LitigationHold>(identity, clock)
{
    protected override ResourceKind Kind => ResourceKind.Hold;

    protected override async ValueTask<AccessTarget> TargetAsync(LitigationHold resource, Operation operation)
    {
        var organizations = new HashSet<string>(StringComparer.Ordinal) { resource.CreatedByOrganization };
        if (operation != Operation.HoldRelease)
        {
            var caseIds = resource.Cases.Select(c => c.CaseId).ToList();
            organizations.UnionWith(await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => c.OrganizationId).Distinct().ToListAsync());
        }

        return new AccessTarget(organizations);
    }
}
