using System.Diagnostics;
using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit.Abstractions;
using static RecordsVault.ApiTests.Entra.EntraVaultFixture;

namespace RecordsVault.ApiTests.Entra;

/// <summary>
/// Key rotation at the issuer, against an API of its own (so that no other test has spent its metadata refresh)
/// with the production refresh settings.
/// </summary>
public sealed class EntraKeyRotationTests(EntraVaultFixture fixture, ITestOutputHelper output) : IClassFixture<EntraVaultFixture>
{
    [Fact]
    public async Task A_key_the_issuer_starts_signing_with_is_accepted_without_restarting_the_api()
    {
        var before = await fixture.Issuer.TokenAsync(Alice);
        Assert.Equal(HttpStatusCode.OK, (await fixture.ClientWith(before).GetAsync("/cases")).StatusCode);

        var newKeyId = await fixture.Issuer.RotateSigningKeyAsync();
        var after = await fixture.Issuer.TokenAsync(Alice);
        Assert.Equal(newKeyId, new JsonWebToken(after).Kid);
        Assert.NotEqual(new JsonWebToken(before).Kid, newKeyId);

        // The unknown key id makes the API fetch the JWKS again, in the background: the request that finds it may
        // still be refused, and one a moment later is accepted. Well within a second here; no sleeping for minutes.
        var client = fixture.ClientWith(after);
        var clock = Stopwatch.StartNew();
        var attempts = 1;
        HttpStatusCode status;
        while ((status = (await client.GetAsync("/cases")).StatusCode) == HttpStatusCode.Unauthorized && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
            attempts++;
        }

        output.WriteLine($"the new key was accepted at attempt {attempts}, after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, status);

        // The old key stays published through the rotation, so tokens issued before it keep working until they expire.
        Assert.Equal(HttpStatusCode.OK, (await fixture.ClientWith(before).GetAsync("/cases")).StatusCode);
    }
}
