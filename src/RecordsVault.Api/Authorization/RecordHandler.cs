using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Api.Authorization;

/// <summary>Operations on a record: it belongs to the organization that owns its case.</summary>
public sealed class RecordHandler(IOptions<VaultIdentityOptions> identity, TimeProvider clock, VaultDbContext db)
    : ResourceHandler<Record>(identity, clock)
{
    protected override ResourceKind Kind => ResourceKind.Record;

    protected override async ValueTask<AccessTarget> TargetAsync(Record resource, Operation operation)
    {
        var organization = await db.Cases.AsNoTracking().Where(c => c.Id == resource.CaseId).Select(c => c.OrganizationId).FirstOrDefaultAsync();
        return organization is null ? new AccessTarget(new HashSet<string>()) : AccessTarget.Of(organization);
    }
}
