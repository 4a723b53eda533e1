using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>
/// The shape of every resource handler: find what the operation's reach is judged against, ask the permission
/// table, then apply any rule particular to the resource. An operation of another kind of resource never succeeds here.
/// </summary>
public abstract class ResourceHandler<TResource>(IOptions<VaultIdentityOptions> identity, TimeProvider clock)
    : AuthorizationHandler<OperationRequirement, TResource>
{
    protected abstract ResourceKind Kind { get; }

    protected sealed override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationRequirement requirement, TResource resource)
    {
        if (PermissionTable.For(requirement.Operation).Resource != Kind)
        {
            return;
        }

        var caller = CallerClaims.From(context.User, identity.Value.OrgClaim);
        var target = await TargetAsync(resource, requirement.Operation);
        if (!Permissions.Allows(caller, requirement.Operation, target, clock.GetUtcNow().UtcDateTime))
        {
            return;
        }

        if (Refusal(caller, resource, requirement.Operation) is { } reason)
        {
            context.Fail(new AuthorizationFailureReason(this, reason));
            return;
        }

        context.Succeed(requirement);
    }

    /// <summary>The organizations (and parties) the resource belongs to for this operation.</summary>
    protected abstract ValueTask<AccessTarget> TargetAsync(TResource resource, Operation operation);

    /// <summary>A rule of the resource that refuses a caller the table allows; null when there is none.</summary>
    protected virtual string? Refusal(Caller caller, TResource resource, Operation operation) => null;
}
