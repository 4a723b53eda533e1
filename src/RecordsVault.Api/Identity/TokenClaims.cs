using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace RecordsVault.Api.Identity;

/// <summary>
/// How the vault accepts and reads every token it validates: the API's access tokens (local or Entra ID) and the
/// console's Entra ID tokens. Claims are read as the token names them, never renamed on the way in: <c>sub</c> is the
/// caller, <c>roles</c> their roles, and <see cref="VaultIdentityOptions.OrgClaim"/> their organization.
/// </summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Roles = "roles";

    /// <summary>Signed with RS256 only, with an expiry, checked with 30 seconds of clock skew; <c>sub</c> and <c>roles</c> as name and roles.</summary>
    public static void Apply(TokenValidationParameters parameters)
    {
        parameters.NameClaimType = Subject;
        parameters.RoleClaimType = Roles;
        parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        parameters.RequireSignedTokens = true;
        parameters.RequireExpirationTime = true;
        parameters.ValidateLifetime = true;
        parameters.ClockSkew = TimeSpan.FromSeconds(30);
    }

    /// <summary>The principal of a validated token's (or the local sign-in's) claims, as they are named.</summary>
    public static ClaimsPrincipal Principal(IEnumerable<Claim> claims, string authenticationType) =>
        new(new ClaimsIdentity(claims, authenticationType, Subject, Roles));
}
