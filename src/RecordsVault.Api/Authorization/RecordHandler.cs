using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;
using RecordsVault.Core.Records;

namespace RecordsVault.Api.Authorization;

/// <summary>Operations on a record: it belongs to the organization that owns its case.</summary>
public sealed class RecordHandler(IOptions<VaultIdentityOptions> identity, TimeProvider clock, CaseOwners owners)
    : ResourceHandler<Record>(identity, clock)
{
    protected override ResourceKind Kind => ResourceKind.Record;

    protected override async ValueTask<AccessTarget> TargetAsync(Record resource, Operation operation)
    {
        var organization = await owners.OrganizationOfAsync(resource.CaseId);
        return organization is null ? new AccessTarget(new HashSet<string>()) : AccessTarget.Of(organization);
    }
}
