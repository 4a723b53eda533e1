using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;

namespace RecordsVault.Api.Authorization;

/// <summary>An operation on a case, with the roles that may perform it.</summary>
public sealed class CaseOperation(string name, params string[] roles) : IAuthorizationRequirement
{
    public static readonly CaseOperation Read = new(nameof(Read), Core.Access.Roles.Caseworker, Core.Access.Roles.RecordsManager, Core.Access.Roles.OrrOfficial);
    public static readonly CaseOperation AddRecord = new(nameof(AddRecord), Core.Access.Roles.Caseworker, Core.Access.Roles.RecordsManager);
    public static readonly CaseOperation Close = new(nameof(Close), Core.Access.Roles.Caseworker, Core.Access.Roles.RecordsManager);
    public static readonly CaseOperation Manage = new(nameof(Manage), Core.Access.Roles.RecordsManager);
    public static readonly CaseOperation ReadRetention = new(nameof(ReadRetention), Core.Access.Roles.Caseworker, Core.Access.Roles.RecordsManager, Core.Access.Roles.OrrOfficial, Core.Access.Roles.Auditor);
    public static readonly CaseOperation Hold = new(nameof(Hold), Core.Access.Roles.RecordsManager, Core.Access.Roles.OrrOfficial);
    public static readonly CaseOperation DecideDisposition = new(nameof(DecideDisposition), Core.Access.Roles.RecordsManager, Core.Access.Roles.OrrOfficial);

    public string Name { get; } = name;

    public IReadOnlyList<string> AllowedRoles { get; } = roles;
}

/// <summary>
/// May this caller perform this operation on this case? The role must fit, and the case must belong to
/// the caller's organization unless the caller is an ORR official.
/// </summary>
public sealed class CaseAccessHandler(IOptions<VaultIdentityOptions> identity) : AuthorizationHandler<CaseOperation, Case>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CaseOperation requirement, Case resource)
    {
        var caller = Caller.From(context.User, identity.Value.OrgClaim);
        var roleFits = requirement.AllowedRoles.Any(caller.Roles.Contains);
        var orgFits = caller.SeesEveryOrganization
            || caller.Organization.Length > 0 && caller.Organization == resource.OrganizationId;
        if (roleFits && orgFits)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class CaseAccessExtensions
{
    /// <summary>
    /// Throws <see cref="NotFoundException"/> when the caller may not perform the operation: the route's
    /// role policy has already answered 403 for a wrong role, so a refusal here means "not yours", and
    /// the answer must not reveal that the case exists. <paramref name="target"/> names what the caller asked for.
    /// </summary>
    public static async Task RequireAsync(
        this IAuthorizationService authorization, HttpContext http, Case resource, CaseOperation operation, string target = "The case")
    {
        // Before the decision: a refused attempt is audited with the case and its owner, so the owner's auditors see it.
        http.RequestServices.GetService<AuditTrail>()?.AddCase(resource.Id, resource.OrganizationId);
        var result = await authorization.AuthorizeAsync(http.User, resource, operation);
        if (!result.Succeeded)
        {
            throw new NotFoundException(target);
        }
    }
}
