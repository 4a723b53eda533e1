using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>
/// Operations on an organization as a whole: case and hold listings, audit searches and verification, the
/// sweep, and opening a case. "Every organization" is allowed only through a grant of every organization.
/// </summary>
public sealed class ScopeHandler(IOptions<VaultIdentityOptions> identity) : AuthorizationHandler<OperationRequirement, OrganizationScope>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationRequirement requirement, OrganizationScope resource)
    {
        if (PermissionTable.For(requirement.Operation).Resource != ResourceKind.Organization || resource.IsNone)
        {
            return Task.CompletedTask;
        }

        var allowed = Permissions.ScopeOf(CallerClaims.From(context.User, identity.Value.OrgClaim), requirement.Operation);
        if (resource.IsEvery ? allowed.IsEvery : allowed.Covers(resource.Organization!))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
