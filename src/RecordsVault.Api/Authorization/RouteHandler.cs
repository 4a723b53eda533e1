using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>Answers <see cref="RouteRequirement"/> from the permission table.</summary>
public sealed class RouteHandler(IOptions<VaultIdentityOptions> identity) : AuthorizationHandler<RouteRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RouteRequirement requirement)
    {
        if (Permissions.MayAttempt(CallerClaims.From(context.User, identity.Value.OrgClaim), requirement.Operation))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
