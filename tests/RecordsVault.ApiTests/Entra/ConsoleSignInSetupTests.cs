using System.Net;

namespace RecordsVault.ApiTests.Entra;

/// <summary>An Entra vault without the console's client secret serves its API, and its console offers no sign-in at all.</summary>
public sealed class ConsoleSignInSetupTests(EntraVaultFixture fixture) : IClassFixture<EntraVaultFixture>
{
    [Fact]
    public async Task Without_a_client_secret_the_sign_in_page_says_it_is_not_set_up_and_offers_no_local_form()
    {
        using var browser = fixture.Api.CreateClient(new() { AllowAutoRedirect = false });

        var response = await browser.GetAsync(new Uri("/console/signin", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not set up for this vault", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Organization\"", page, StringComparison.Ordinal);
        var api = await fixture.ClientAsync(EntraVaultFixture.Alice);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/cases", UriKind.Relative))).StatusCode);
    }
}
