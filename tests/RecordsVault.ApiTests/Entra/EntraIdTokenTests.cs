using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RecordsVault.Api.Identity;
using RecordsVault.Tests;
using static RecordsVault.ApiTests.Entra.EntraVaultFixture;

namespace RecordsVault.ApiTests.Entra;

/// <summary>
/// Vault:Identity:Mode=EntraId against a real OpenID Connect issuer: its tokens' roles, org and sub reach the
/// vault's access rules, and a token for another audience, from another tenant, expired or signed by a key the
/// issuer never published is refused.
/// </summary>
public sealed class EntraIdTokenTests(EntraVaultFixture fixture) : IClassFixture<EntraVaultFixture>
{
    [Fact]
    public async Task A_caseworker_creates_a_case_in_the_org_of_her_token_and_reads_it()
    {
        var alice = await fixture.ClientAsync(Alice);

        var created = await ApiCalls.CreateCaseAsync(alice);
        var read = await ApiCalls.ExpectJsonAsync(await alice.GetAsync($"/cases/{created.Id()}"), HttpStatusCode.OK);

        Assert.Equal("prov-a", created.GetProperty("organizationId").GetString());
        Assert.Equal(created.Id(), read.Id());
        Assert.Equal("Open", read.Lifecycle());
    }

    [Fact]
    public async Task Another_providers_caseworker_gets_404_for_that_case()
    {
        var caseId = (await ApiCalls.CreateCaseAsync(await fixture.ClientAsync(Alice))).Id();

        var response = await (await fixture.ClientAsync(Bob)).GetAsync($"/cases/{caseId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_orr_official_lists_the_cases_of_every_provider()
    {
        var ofAlice = (await ApiCalls.CreateCaseAsync(await fixture.ClientAsync(Alice))).Id();
        var ofBob = (await ApiCalls.CreateCaseAsync(await fixture.ClientAsync(Bob))).Id();

        var list = await ApiCalls.ExpectJsonAsync(await (await fixture.ClientAsync(Olivia)).GetAsync("/cases?pageSize=100"), HttpStatusCode.OK);

        var ids = list.GetProperty("items").EnumerateArray().Select(c => c.Id()).ToList();
        Assert.Contains(ofAlice, ids);
        Assert.Contains(ofBob, ids);
    }

    [Fact]
    public async Task An_auditor_reads_the_audit_trail_which_names_the_actor_of_the_token()
    {
        var caseId = (await ApiCalls.CreateCaseAsync(await fixture.ClientAsync(Alice))).Id();

        var events = await ApiCalls.ExpectJsonAsync(
            await (await fixture.ClientAsync(Audrey)).GetAsync($"/audit?caseId={caseId}&action=case.create"), HttpStatusCode.OK);

        var actor = Assert.Single(events.GetProperty("items").EnumerateArray()).GetProperty("actor");
        Assert.Equal("alice", actor.GetProperty("sub").GetString());
        Assert.Equal("prov-a", actor.GetProperty("org").GetString());
        Assert.Equal(["Vault.Caseworker"], actor.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_caseworker_gets_403_from_the_audit_trail()
    {
        var response = await (await fixture.ClientAsync(Alice)).GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_api_keeps_no_signing_key_of_its_own()
    {
        var cases = await (await fixture.ClientAsync(Alice)).GetAsync("/cases");

        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        Assert.Null(fixture.Api.Services.GetService<LocalSigningKey>());
        Assert.False(File.Exists(Path.Combine(fixture.DataPath, "keys", "token-signing.pem")));
    }

    [Fact]
    public async Task A_token_for_another_api_of_the_issuer_answers_401()
    {
        var token = await fixture.Issuer.TokenAsync(Alice, audience: fixture.Issuer.OtherApiClientId);

        await AssertRefusedAsync(token, "audience");
    }

    [Fact]
    public async Task A_token_from_another_tenant_signed_with_the_same_keys_answers_401()
    {
        var token = await fixture.Issuer.TokenAsync(Alice, tenantId: fixture.Issuer.OtherTenantId);

        await AssertRefusedAsync(token, "issuer");
    }

    [Fact]
    public async Task An_expired_token_answers_401()
    {
        var token = await fixture.Issuer.TokenAsync(LateAlice);

        await AssertRefusedAsync(token, "expired");
    }

    [Theory]
    [InlineData(false, "signature key was not found")]
    [InlineData(true, "signature is invalid")]
    public async Task A_token_signed_by_a_key_the_issuer_never_published_answers_401(bool withTheIssuersKeyId, string reason)
    {
        var genuine = new JsonWebToken(await fixture.Issuer.TokenAsync(Alice));
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = withTheIssuersKeyId ? genuine.Kid : Guid.NewGuid().ToString() };

        // The very claims the issuer signed, signed again by another key.
        var payload = Base64UrlEncoder.Decode(genuine.EncodedPayload);
        var forged = new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(key, SecurityAlgorithms.RsaSha256));

        await AssertRefusedAsync(forged, reason);
    }

    [Fact]
    public async Task The_issuers_tokens_are_shaped_like_entra_v2_access_tokens()
    {
        var token = new JsonWebToken(await fixture.Issuer.TokenAsync(Alice));
        var jwks = await fixture.Issuer.JwksAsync();

        Assert.Equal("RS256", token.Alg);
        Assert.Contains(token.Kid, jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        Assert.Equal($"{fixture.Issuer.Instance}{fixture.Issuer.TenantId}/v2.0", token.Issuer);
        Assert.Equal(fixture.Issuer.ApiClientId, Assert.Single(token.Audiences));
        Assert.Equal("2.0", token.GetPayloadValue<string>("ver"));
        Assert.Equal(fixture.Issuer.TenantId, token.GetPayloadValue<string>("tid"));
        Assert.Equal("alice", token.Subject);
        Assert.Equal("prov-a", token.GetPayloadValue<string>("org"));
        Assert.Equal(["Vault.Caseworker"], token.GetPayloadValue<string[]>("roles"));
    }

    /// <summary>401, for the reason JwtBearer gives in WWW-Authenticate: a 401 for any other cause proves nothing.</summary>
    private async Task AssertRefusedAsync(string token, string reason)
    {
        var response = await fixture.ClientWith(token).GetAsync("/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, string.Join(' ', response.Headers.WwwAuthenticate), StringComparison.Ordinal);
    }
}
