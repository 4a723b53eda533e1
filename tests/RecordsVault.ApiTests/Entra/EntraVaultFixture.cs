using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using RecordsVault.Core.Access;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests.Entra;

/// <summary>
/// A test issuer, and the real API in <c>Vault:Identity:Mode=EntraId</c> configured exactly as in Azure
/// (<c>AzureAd:Instance</c>, <c>TenantId</c>, <c>ClientId</c>), pointed at that issuer. The only test-only part is
/// which CA the API's metadata clients trust for TLS, set in code here and not reachable from configuration.
/// </summary>
public sealed class EntraVaultFixture : IAsyncLifetime
{
    private const string IssuerClientName = "recordsvault-tests-issuer";

    public static Persona Alice { get; } = new("alice", "prov-a", [Roles.Caseworker]);

    public static Persona Bob { get; } = new("bob", "prov-b", [Roles.Caseworker]);

    public static Persona Olivia { get; } = new("olivia", "orr", [Roles.OrrOfficial]);

    public static Persona Audrey { get; } = new("audrey", "orr", [Roles.Auditor]);

    /// <summary>Alice as she was two hours ago: her tokens expired 110 minutes ago.</summary>
    public static Persona LateAlice { get; } = new("late-alice", "prov-a", [Roles.Caseworker], BackdateSeconds: 2 * 60 * 60);

    public TestIssuer Issuer { get; private set; } = null!;

    public WebApplicationFactory<Program> Api { get; private set; } = null!;

    /// <summary>The API as VaultFactory configures it; <see cref="Api"/> adds the trust of the issuer's CA.</summary>
    private VaultFactory Vault { get; set; } = null!;

    public string DataPath => Vault.DataPath;

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync([Alice, Bob, Olivia, Audrey, LateAlice]);
        Vault = new VaultFactory(settings: new Dictionary<string, string>
        {
            ["Vault:Identity:Mode"] = "EntraId",
            ["AzureAd:Instance"] = Issuer.Instance,
            ["AzureAd:TenantId"] = Issuer.TenantId,
            ["AzureAd:ClientId"] = Issuer.ApiClientId,
        });
        Api = Vault.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            // JwtBearer reads the discovery document and the JWKS through its backchannel...
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = Issuer.TrustingHandler());

            // ...and Microsoft.Identity.Web's issuer validator reads the discovery document again, through this client.
            services.AddHttpClient(IssuerClientName).ConfigurePrimaryHttpMessageHandler(Issuer.TrustingHandler);
            services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = IssuerClientName);
        }));
    }

    public HttpClient ClientWith(string token)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async Task<HttpClient> ClientAsync(Persona persona) => ClientWith(await Issuer.TokenAsync(persona));

    public async Task DisposeAsync()
    {
        if (Vault is not null)
        {
            await Vault.DisposeAsync();
        }

        if (Issuer is not null)
        {
            await Issuer.DisposeAsync();
        }
    }
}
