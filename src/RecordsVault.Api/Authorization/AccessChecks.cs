using Microsoft.AspNetCore.Authorization;
using RecordsVault.Api.Audit;
using RecordsVault.Core.Access;
using RecordsVault.Core.Errors;

namespace RecordsVault.Api.Authorization;

/// <summary>How endpoints ask the handlers: they ask, and turn a refusal into the answer the contract wants.</summary>
public static class AccessChecks
{
    /// <summary>
    /// Throws unless the caller may perform the operation on the resource. A caller who may not even see the
    /// resource gets <see cref="NotFoundException"/>, so that another organization's id answers like a missing one;
    /// a caller who may see it but not do this gets <see cref="ForbiddenException"/>. <paramref name="what"/> names
    /// what the caller asked for. The resource is first noted in the request's audit event, so that its owner's
    /// auditors see refused attempts as well.
    /// </summary>
    public static async Task RequireAsync(this IAuthorizationService authorization, HttpContext http, object resource, Operation operation, string what)
    {
        await http.RequestServices.GetRequiredService<AuditTargets>().NoteAsync(resource);
        var result = await authorization.AuthorizeAsync(http.User, resource, OperationRequirement.For(operation));
        if (result.Succeeded)
        {
            return;
        }

        var visibility = PermissionTable.VisibilityOf(PermissionTable.For(operation).Resource);
        if (visibility is { } read && read != operation
            && (await authorization.AuthorizeAsync(http.User, resource, OperationRequirement.For(read))).Succeeded)
        {
            var reason = result.Failure?.FailureReasons.FirstOrDefault()?.Message;
            throw new ForbiddenException(reason ?? $"None of your roles may do this to {what.ToLowerInvariant()}.");
        }

        throw new NotFoundException(what);
    }

    /// <summary>
    /// The organizations a listing, search or sweep covers for this caller: every organization when a grant
    /// allows it, else the caller's own. The route policy has already refused a caller with neither.
    /// </summary>
    public static async Task<OrganizationScope> ScopeAsync(this IAuthorizationService authorization, HttpContext http, Caller caller, Operation operation)
    {
        if ((await authorization.AuthorizeAsync(http.User, OrganizationScope.Every, OperationRequirement.For(operation))).Succeeded)
        {
            return OrganizationScope.Every;
        }

        var own = OrganizationScope.Only(caller.Organization);
        return (await authorization.AuthorizeAsync(http.User, own, OperationRequirement.For(operation))).Succeeded
            ? own
            : throw new ForbiddenException("None of your roles may do this.");
    }
}
