using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RecordsVault.Api.Identity;

/// <summary>Mints the embedded issuer's tokens: RS256, with <c>sub</c>, <c>roles</c> and the organization claim.</summary>
public static class LocalTokens
{
    public static string Mint(
        LocalSigningKey key, VaultIdentityOptions options, string subject, string organization,
        IReadOnlyCollection<string> roles, DateTimeOffset now, TimeSpan lifetime)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [TokenClaims.Subject] = subject,
                [options.OrgClaim] = organization,
                [TokenClaims.Roles] = roles.ToArray(),
            },
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
