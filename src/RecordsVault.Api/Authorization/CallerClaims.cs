using System.Security.Claims;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>Reads the <see cref="Caller"/> from a validated token: <c>sub</c>, the organization claim and <c>roles</c>.</summary>
public static class CallerClaims
{
    public static Caller From(ClaimsPrincipal user, string orgClaim) => new(
        user.FindFirstValue("sub") ?? string.Empty,
        user.FindFirstValue(orgClaim) ?? string.Empty,
        user.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
}
