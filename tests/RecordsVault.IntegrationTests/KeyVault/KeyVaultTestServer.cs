using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyVault;

/// <summary>
/// Azure Key Vault's keys REST API at the protocol level, for tests (there is no emulator): Kestrel over HTTPS with a
/// certificate from a throwaway CA, RSA-3072 keys (<c>vault-kek</c> for wrapKey/unwrapKey, <c>audit-signing</c> for
/// sign/verify), real RSA-OAEP-256 and PS256, <c>kid</c> URLs <c>https://host/keys/{name}/{version}</c>, base64url
/// values, <c>{"error":{"code","message"}}</c> bodies, and the 401 challenge for a request without a valid bearer
/// token. Faults (429 with or without <c>Retry-After</c>, 5xx, hangs) are switched on by the test. A second, plain
/// http listener serves the App Service managed identity endpoint (<c>IDENTITY_ENDPOINT</c>, <c>IDENTITY_HEADER</c>)
/// that issues the tokens the vault accepts.
/// </summary>
public sealed partial class KeyVaultTestServer : IAsyncDisposable
{
    public const string TenantId = "8a6f1f1e-3c1b-4c2d-9d55-0c7a2e4b9f10";
    public const string Kek = "vault-kek";
    public const string SigningKey = "audit-signing";

    private static readonly string[] ApiVersions = ["7.4", "7.5", "7.6"];

    private readonly WebApplication app;
    private readonly TestCertificates certificates;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<KeyVersion>> keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (string Resource, DateTimeOffset Expires)> tokens = new(StringComparer.Ordinal);
    private readonly List<FaultRule> faults = [];
    private readonly ConcurrentQueue<KeyVaultRequest> requests = new();
    private readonly ConcurrentDictionary<string, int> served = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> unwrapsByValue = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> tokenResources = new();
    private readonly ConcurrentQueue<(string Resource, string? ClientId)> identityRequests = new();
    private int httpsPort;
    private int httpPort;

    private KeyVaultTestServer(string? vaultHost)
    {
        VaultHost = vaultHost;
        IdentityHeader = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        certificates = TestCertificates.Create(vaultHost ?? "localhost");
        ChallengeResource = vaultHost is null ? "https://localhost" : ParentResource(vaultHost);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificates.Server));
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>The host the vault is known by; null for <c>localhost:{port}</c>, reachable without a name resolver.</summary>
    public string? VaultHost { get; }

    /// <summary><c>https://localhost:{port}/</c>, or <c>https://{VaultHost}/</c> (reach it through <see cref="CreateTransport"/>).</summary>
    public Uri VaultUri => VaultHost is null ? new Uri($"https://localhost:{httpsPort}/") : new Uri($"https://{VaultHost}/");

    public int HttpsPort => httpsPort;

    /// <summary>The managed identity endpoint, over plain http as App Service serves it: <c>IDENTITY_ENDPOINT</c>.</summary>
    public Uri IdentityEndpoint => new($"http://127.0.0.1:{httpPort}/msi/token");

    /// <summary>The secret the identity endpoint expects in <c>X-IDENTITY-HEADER</c>: <c>IDENTITY_HEADER</c>.</summary>
    public string IdentityHeader { get; }

    /// <summary>The resource named in the 401 challenge; tokens are accepted only if issued for it.</summary>
    public string ChallengeResource { get; set; }

    /// <summary>Challenge with <c>scope="{resource}/.default"</c> instead of <c>resource="{resource}"</c>.</summary>
    public bool ChallengeWithScope { get; set; }

    public X509Certificate2 CertificateAuthority => certificates.Authority;

    /// <summary>Every request to the keys API, in arrival order.</summary>
    public IReadOnlyList<KeyVaultRequest> Requests => [.. requests];

    /// <summary>The resources tokens were issued for, by the identity endpoint or <see cref="CreateCredential"/>.</summary>
    public IReadOnlyList<string> TokenResources => [.. tokenResources];

    /// <summary>Every token issued, so a test can look for them where they must never be (logs).</summary>
    public IReadOnlyCollection<string> IssuedTokens => [.. tokens.Keys];

    /// <summary>The identity endpoint's requests: the resource and the user-assigned identity's client id.</summary>
    public IReadOnlyList<(string Resource, string? ClientId)> IdentityRequests => [.. identityRequests];

    public static async Task<KeyVaultTestServer> StartAsync(string? vaultHost = null)
    {
        var server = new KeyVaultTestServer(vaultHost);
        server.keys[Kek] = [KeyVersion.Create(["wrapKey", "unwrapKey"])];
        server.keys[SigningKey] = [KeyVersion.Create(["sign", "verify"])];
        await server.app.StartAsync();
        foreach (var address in server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
        {
            var uri = new Uri(address);
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                server.httpsPort = uri.Port;
            }
            else
            {
                server.httpPort = uri.Port;
            }
        }

        return server;
    }

    /// <summary>How many times an operation (<c>wrapkey</c>, <c>unwrapkey</c>, <c>sign</c>, <c>get</c>, ...) answered 200.</summary>
    public int Served(string operation) => served.GetValueOrDefault(operation);

    /// <summary>How many times this wrapped key was unwrapped successfully.</summary>
    public int UnwrapsOf(byte[] wrappedKey) => unwrapsByValue.GetValueOrDefault(Base64Url.EncodeToString(wrappedKey));


    /// <summary>The kid of the newest version of a key.</summary>
    public string CurrentKid(string name)
    {
        lock (gate)
        {
            return Kid(name, keys[name][^1]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        certificates.Dispose();
        stopping.Dispose();
        lock (gate)
        {
            foreach (var version in keys.Values.SelectMany(v => v))
            {
                version.Rsa.Dispose();
            }
        }
    }

    /// <summary>Key Vault's resource for a vault host: <c>https://vault.azure.net</c> for <c>x.vault.azure.net</c>.</summary>
    private static string ParentResource(string host) => "https://" + host[(host.IndexOf('.', StringComparison.Ordinal) + 1)..];

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.Request.IsHttps)
        {
            await IdentityAsync(context);
            return;
        }

        var segments = context.Request.Path.Value!.Trim('/').Split('/');
        var route = Route(context.Request.Method, segments);
        if (route is null)
        {
            await ErrorAsync(context, 404, "NotFound", "The requested resource was not found.");
            return;
        }

        using var body = await ReadBodyAsync(context);
        var value = body is not null && body.RootElement.ValueKind == JsonValueKind.Object
            && body.RootElement.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var authorized = IsAuthorized(context);
        var request = new KeyVaultRequest(DateTimeOffset.UtcNow, context.Request.Method, route.Value.Name, route.Value.Operation, value, authorized);
        requests.Enqueue(request);

        if (TakeFault(request) is { } fault)
        {
            await InjectAsync(context, fault);
            return;
        }

        if (!ApiVersions.Contains(context.Request.Query["api-version"].ToString()))
        {
            await ErrorAsync(context, 400, "BadParameter", "The api-version query parameter is missing or not supported.");
            return;
        }

        if (!authorized)
        {
            var challenge = ChallengeWithScope ? $"scope=\"{ChallengeResource}/.default\"" : $"resource=\"{ChallengeResource}\"";
            context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", {challenge}";
            var message = context.Request.Headers.Authorization.Count == 0
                ? "AKV10000: Request is missing a Bearer or PoP token."
                : "AKV10022: Invalid audience.";
            await ErrorAsync(context, 401, "Unauthorized", message);
            return;
        }

        await DispatchAsync(context, route.Value, body?.RootElement);
    }


    private async Task OkAsync(HttpContext context, string operation, object body)
    {
        served.AddOrUpdate(operation, 1, (_, n) => n + 1);
        await context.Response.WriteAsJsonAsync(body);
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message, string? inner = null)
    {
        context.Response.StatusCode = status;
        object error = inner is null ? new { code, message } : new { code, message, innererror = new { code = inner } };
        await context.Response.WriteAsJsonAsync(new { error });
    }

    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is null or 0 && !context.Request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
