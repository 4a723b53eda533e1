using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RecordsVault.Api.Identity;
using RecordsVault.Infrastructure;

namespace RecordsVault.ApiTests;

/// <summary>Every route refuses a missing or bad token with 401, through the real JwtBearer validation.</summary>
public sealed class AuthenticationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string> RoutesAndBadTokens()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes.All)
        {
            foreach (var kind in new[] { "none", "expired", "wrong-issuer", "wrong-audience", "bad-signature", "alg-none", "garbage" })
            {
                data.Add(route, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesAndBadTokens))]
    public async Task Route_with_a_missing_or_bad_token_answers_401(string route, string tokenKind)
    {
        using var request = await Routes.RequestAsync(route, fixture);
        if (tokenKind != "none")
        {
            request.Headers.Authorization = new("Bearer", BadToken(tokenKind));
        }

        var response = await fixture.Factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        var response = await fixture.Client("Vault.Caseworker", "prov-a").GetAsync("/cases");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private string BadToken(string kind)
    {
        var services = fixture.Factory.Services;
        var key = services.GetRequiredService<LocalSigningKey>();
        var options = services.GetRequiredService<IOptions<VaultIdentityOptions>>().Value;
        string[] roles = ["Vault.Caseworker", "Vault.RecordsManager"];
        var now = DateTimeOffset.UtcNow;
        return kind switch
        {
            "expired" => LocalTokens.Mint(key, options, "mallory", "prov-a", roles, now.AddHours(-2), TimeSpan.FromMinutes(10)),
            "wrong-issuer" => LocalTokens.Mint(key, With(options, issuer: "https://evil.example/"), "mallory", "prov-a", roles, now, TimeSpan.FromMinutes(10)),
            "wrong-audience" => LocalTokens.Mint(key, With(options, audience: "api://other"), "mallory", "prov-a", roles, now, TimeSpan.FromMinutes(10)),
            "bad-signature" => LocalTokens.Mint(OtherKey(), options, "mallory", "prov-a", roles, now, TimeSpan.FromMinutes(10)),
            "alg-none" => Unsigned(options, now),
            "garbage" => "not.a.token",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static VaultIdentityOptions With(VaultIdentityOptions o, string? issuer = null, string? audience = null) => new()
    {
        Mode = o.Mode,
        Issuer = issuer ?? o.Issuer,
        Audience = audience ?? o.Audience,
        OrgClaim = o.OrgClaim,
    };

    /// <summary>A key of the same kind and key id as the real one, but not the real one.</summary>
    private static LocalSigningKey OtherKey()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rv-other-key-" + Guid.NewGuid().ToString("N"));
        return new LocalSigningKey(new VaultIdentityOptions(), new VaultPaths(folder));
    }

    private static string Unsigned(VaultIdentityOptions options, DateTimeOffset now)
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var header = B64("""{"alg":"none","typ":"JWT"}""");
        var payload = B64($$"""{"sub":"mallory","org":"prov-a","roles":["Vault.Caseworker"],"iss":"{{options.Issuer}}","aud":"{{options.Audience}}","iat":{{now.ToUnixTimeSeconds()}},"nbf":{{now.ToUnixTimeSeconds()}},"exp":{{now.AddMinutes(10).ToUnixTimeSeconds()}}}""");
        return $"{header}.{payload}.";
    }
}
