using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Errors;

namespace RecordsVault.Api.Console;

/// <summary>The console asks the API's route policies and handlers, and decides nothing itself.</summary>
public static class ConsoleAccess
{
    /// <summary>The route policy of <paramref name="operation"/>: what the API answers 403 to before it looks at any resource.</summary>
    public static async Task RequireOperationAsync(this IAuthorizationService authorization, ClaimsPrincipal user, Operation operation)
    {
        if (!await authorization.MayAsync(user, operation))
        {
            throw new ForbiddenException("None of your roles may do this.");
        }
    }

    /// <summary>Whether some role of the user may ever perform the operation: for showing a link or a section.</summary>
    public static async Task<bool> MayAsync(this IAuthorizationService authorization, ClaimsPrincipal user, Operation operation) =>
        (await authorization.AuthorizeAsync(user, Policies.NameOf(operation))).Succeeded;

    /// <summary>Whether the user may perform the operation on this resource, asked without throwing.</summary>
    public static async Task<bool> MayAsync(this IAuthorizationService authorization, ClaimsPrincipal user, object resource, Operation operation) =>
        (await authorization.AuthorizeAsync(user, resource, OperationRequirement.For(operation))).Succeeded;
}
