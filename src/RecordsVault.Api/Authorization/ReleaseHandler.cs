using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;
using RecordsVault.Core.Disclosures;

namespace RecordsVault.Api.Authorization;

/// <summary>Operations on a provider's release to a third party: it belongs to the releasing organization.</summary>
public sealed class ReleaseHandler(IOptions<VaultIdentityOptions> identity, TimeProvider clock)
    : ResourceHandler<ReleaseRequest>(identity, clock)
{
    protected override ResourceKind Kind => ResourceKind.Release;

    protected override ValueTask<AccessTarget> TargetAsync(ReleaseRequest resource, Operation operation) =>
        ValueTask.FromResult(AccessTarget.Of(resource.OrganizationId));
}
