using System.Security.Claims;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>
/// Reads the <see cref="Caller"/> from a validated token, or from a console session made from one: <c>sub</c>, the
/// organization claim and <c>roles</c> (<see cref="TokenClaims"/>). The API and the console both ask this, so a user
/// has the same organization and roles in both.
/// </summary>
public static class CallerClaims
{
    public static Caller From(ClaimsPrincipal user, string orgClaim) => new(
        user.FindFirstValue(TokenClaims.Subject) ?? string.Empty,
        user.FindFirstValue(orgClaim) ?? string.Empty,
        user.FindAll(TokenClaims.Roles).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
}
