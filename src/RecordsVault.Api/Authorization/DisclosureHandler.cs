using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;
using RecordsVault.Core.Disclosures;

namespace RecordsVault.Api.Authorization;

/// <summary>Operations on a disclosure request: only the parties it names have any reach over it.</summary>
public sealed class DisclosureHandler(IOptions<VaultIdentityOptions> identity, TimeProvider clock)
    : ResourceHandler<DisclosureRequest>(identity, clock)
{
    protected override ResourceKind Kind => ResourceKind.Disclosure;

    protected override ValueTask<AccessTarget> TargetAsync(DisclosureRequest resource, Operation operation) =>
        ValueTask.FromResult(new AccessTarget(new HashSet<string>(), resource.RequestedBy, resource.DesigneeSub, resource.DesigneeAccessUntil));
}
