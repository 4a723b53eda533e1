using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Playwright;
using RecordsVault.Core.Access;
using RecordsVault.Tests;

namespace RecordsVault.ConsoleTests;

/// <summary>
/// Entra ID mode in a real browser: the console sends the user to the real OpenID Connect issuer of the Entra tests
/// (oidc-provider, laid out like Entra), the user signs in on its login form, and comes back with the organization and
/// roles of the ID token; the API's access rules apply as for its tokens; signing out ends both sessions.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EntraSignInTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_user_signs_in_at_the_issuer_sees_only_their_organization_and_signs_out_of_both()
    {
        var origin = $"http://127.0.0.1:{FreePort()}";
        var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var alice = new Persona("alice", "prov-a", [Roles.Caseworker]);
        var bob = new Persona("bob", "prov-b", [Roles.Caseworker]);

        // Two roles, so the ID token's roles claim is an array, as Entra issues it for a user with two app roles.
        await using var issuer = await TestIssuer.StartAsync(
            [alice, bob], [new WebUser("alice", "prov-a", [Roles.Caseworker, Roles.Auditor])],
            new WebSignInClient(secret, $"{origin}/console/signin-oidc", $"{origin}/console/signout-oidc"));
        var tenant = $"{issuer.Instance}{issuer.TenantId}/v2.0";
        var authority = Path.Combine(TestEnvironment.NewDataPath(), "issuer-ca.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(authority)!);
        await File.WriteAllTextAsync(authority, issuer.Authority.ExportCertificatePem());
        await using var vault = await RunningVault.StartAsync(
            new Dictionary<string, string>
            {
                ["Vault:Identity:Mode"] = "EntraId",
                ["AzureAd:Instance"] = issuer.Instance,
                ["AzureAd:TenantId"] = issuer.TenantId,
                ["AzureAd:ClientId"] = issuer.ApiClientId,
                ["AzureAd:ClientSecret"] = secret,

                // The API trusts the issuer's throwaway CA, and only it, for its calls to the issuer.
                ["SSL_CERT_FILE"] = authority,
            },
            origin);
        var aliceCase = await CreateCaseAsync(vault, await issuer.TokenAsync(alice));
        var bobCase = await CreateCaseAsync(vault, await issuer.TokenAsync(bob));

        var context = await console.Browser.NewContextAsync(new() { BaseURL = origin, IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/cases");

        // At the issuer, not at a local form: its login, then its consent. The issuer refuses a request without PKCE.
        Assert.StartsWith($"{tenant}/interaction/", page.Url, StringComparison.Ordinal);
        await page.Locator("input[name=login]").FillAsync("alice");
        await page.Locator("input[name=password]").FillAsync("any");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Back with the ID token's sub, org and both roles: her organization's cases, and the pages of both roles only.
        await ArriveAsync(page, $"{origin}/console/cases", vault);
        await Assertions.Expect(page.GetByText("alice · prov-a")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = aliceCase.Number })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = bobCase.Number })).ToHaveCountAsync(0);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "New case" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Audit trail" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Disposition queue" })).ToHaveCountAsync(0);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Releases" })).ToHaveCountAsync(0);

        var own = await page.GotoAsync($"/console/cases/{aliceCase.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Case {aliceCase.Number}" })).ToBeVisibleAsync();
        var other = await page.GotoAsync($"/console/cases/{bobCase.Id}");
        Assert.Equal(404, other!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You may not see this" })).ToBeVisibleAsync();

        // The console's policy in Entra ID mode: no inline script, and forms may lead only to the vault and the issuer.
        var policy = await own!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains($"form-action 'self' {issuer.Instance.TrimEnd('/')};", policy, StringComparison.Ordinal);

        // The local sign-in form is refused in Entra ID mode, even posted with a valid antiforgery token: no one
        // chooses their own organization or roles here, and the session stays Entra's.
        var antiforgery = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var local = await context.APIRequest.PostAsync("/console/signin", new()
        {
            Form = context.APIRequest.CreateFormData()
                .Set("__RequestVerificationToken", antiforgery!)
                .Set("Name", "mallory").Set("Organization", "prov-b").Set("Roles", Roles.Caseworker),
            MaxRedirects = 0,
        });
        Assert.Equal(404, local.Status);
        await page.GotoAsync("/console/cases");
        await Assertions.Expect(page.GetByText("alice · prov-a")).ToBeVisibleAsync();

        // Sign out: the console's cookie goes, then the issuer is asked (with the ID token as the hint) to end its session.
        var endSession = page.WaitForRequestAsync(r => r.Url.StartsWith($"{tenant}/session/end", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        var ending = (await endSession).Url;
        Assert.True(ending.Contains("id_token_hint=", StringComparison.Ordinal), $"no id_token_hint in {ending}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await ArriveAsync(page, $"{tenant}/interaction/**", vault);
        Assert.DoesNotContain(await context.CookiesAsync([origin]), c => c.Name == "vault.console");

        // Both sessions are over: the console sends her to the issuer again, which asks who she is.
        await page.GotoAsync("/console/cases");
        Assert.StartsWith($"{tenant}/interaction/", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("input[name=login]")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    /// <summary>Waits for the page to reach <paramref name="url"/>; if it does not, says where it is and what it shows.</summary>
    private static async Task ArriveAsync(IPage page, string url, RunningVault vault)
    {
        try
        {
            await page.WaitForURLAsync(url, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            var text = await page.Locator("body").InnerTextAsync();
            var log = vault.Output;
            Assert.Fail($"expected {url}, the browser is at {page.Url}: {text[..Math.Min(text.Length, 600)]}\nThe vault's last output:\n{log[Math.Max(0, log.Length - 4000)..]}");
        }
    }

    private static async Task<(string Id, string Number)> CreateCaseAsync(RunningVault vault, string token)
    {
        using var client = new HttpClient { BaseAddress = vault.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var number = "E-" + Guid.NewGuid().ToString("N")[..8];
        var created = await ApiCalls.CreateCaseAsync(client, number);
        return (created.Id(), number);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
