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
public sealed class KeyVaultTestServer : IAsyncDisposable
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

    /// <summary>The next <paramref name="times"/> requests matching <paramref name="when"/> (every one, by default) get the fault.</summary>
    public void Fail(KeyVaultFault fault, int times = int.MaxValue, Func<KeyVaultRequest, bool>? when = null)
    {
        lock (gate)
        {
            faults.Add(new FaultRule(fault, times, when ?? (_ => true)));
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>The kid of the newest version of a key.</summary>
    public string CurrentKid(string name)
    {
        lock (gate)
        {
            return Kid(name, keys[name][^1]);
        }
    }

    /// <summary>A token this vault accepts while <see cref="ChallengeResource"/> is <paramref name="resource"/>.</summary>
    public string IssueToken(string resource)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        tokens[token] = (resource.TrimEnd('/'), DateTimeOffset.UtcNow.AddHours(1));
        tokenResources.Enqueue(resource);
        return token;
    }

    /// <summary>
    /// For an API in this process: connects to this server whatever the vault's host name, and trusts this server's CA
    /// only. Name checking stays on: the certificate is valid for <see cref="VaultHost"/>.
    /// </summary>
    public HttpPipelineTransport CreateTransport() => new HttpClientTransport(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, httpsPort, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { certificates.Authority },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    });

    /// <summary>For an API in this process: a credential that gets its tokens from this server, as a managed identity would.</summary>
    public TokenCredential CreateCredential() => new IssuingCredential(this);

    /// <summary>Writes the CA as PEM into a fresh folder, for a child process's <c>SSL_CERT_FILE</c>.</summary>
    public string WriteCertificateAuthorityPem()
    {
        var path = Path.Combine(TestEnvironment.NewDataPath(), "key-vault-test-ca.pem");
        File.WriteAllText(path, certificates.AuthorityPem);
        return path;
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

    private static (string Name, string? Version, string Operation)? Route(string method, string[] s) => (method, s) switch
    {
        ("GET", ["keys", var name]) => (name, null, "get"),
        ("GET", ["keys", var name, "versions"]) => (name, null, "versions"),
        ("GET", ["keys", var name, var version]) => (name, version, "get"),
        ("POST", ["keys", var name, "create"]) => (name, null, "create"),
        ("POST", ["keys", var name, "rotate"]) => (name, null, "rotate"),
        ("PATCH", ["keys", var name, var version]) => (name, version, "update"),
        ("POST", ["keys", var name, var version, var op]) when op is "wrapkey" or "unwrapkey" or "sign" or "verify" => (name, version, op),
        _ => null,
    };

    private async Task DispatchAsync(HttpContext context, (string Name, string? Version, string Operation) route, JsonElement? body)
    {
        var (name, versionId, operation) = route;
        if (operation == "create")
        {
            var ops = body?.TryGetProperty("key_ops", out var o) == true ? o.EnumerateArray().Select(e => e.GetString()!).ToArray() : ["sign", "verify", "wrapKey", "unwrapKey"];
            var size = body?.TryGetProperty("key_size", out var k) == true ? k.GetInt32() : 2048;
            var kty = body?.TryGetProperty("kty", out var t) == true ? t.GetString()! : "RSA";
            if (kty is not ("RSA" or "RSA-HSM") || size is not (2048 or 3072 or 4096))
            {
                await ErrorAsync(context, 400, "BadParameter", "Only RSA keys of 2048, 3072 or 4096 bits are served here.");
                return;
            }

            var created = KeyVersion.Create(ops, size, kty);
            lock (gate)
            {
                keys.TryAdd(name, []);
                keys[name].Add(created);
            }

            await OkAsync(context, operation, Bundle(name, created));
            return;
        }

        if (operation == "versions")
        {
            await VersionsAsync(context, name);
            return;
        }

        KeyVersion? version;
        lock (gate)
        {
            version = keys.TryGetValue(name, out var versions)
                ? versionId is null ? versions[^1] : versions.Find(x => x.Id == versionId)
                : null;
            if (version is not null && operation == "rotate")
            {
                var rotated = KeyVersion.Create(version.Ops, version.Rsa.KeySize, version.KeyType);
                versions!.Add(rotated);
                version = rotated;
            }
        }

        if (version is null)
        {
            await ErrorAsync(context, 404, "KeyNotFound", $"A key with (name/id) {name}{(versionId is null ? "" : "/" + versionId)} was not found in this key vault.");
            return;
        }

        switch (operation)
        {
            case "get" or "rotate":
                await OkAsync(context, operation, Bundle(name, version));
                return;
            case "update":
                if (body?.TryGetProperty("attributes", out var attributes) == true && attributes.TryGetProperty("enabled", out var enabled))
                {
                    version.Enabled = enabled.GetBoolean();
                }

                await OkAsync(context, operation, Bundle(name, version));
                return;
            default:
                await CryptoAsync(context, name, version, operation, body);
                return;
        }
    }

    private async Task CryptoAsync(HttpContext context, string name, KeyVersion version, string operation, JsonElement? body)
    {
        var keyOp = operation switch { "wrapkey" => "wrapKey", "unwrapkey" => "unwrapKey", _ => operation };
        if (!version.Enabled)
        {
            await ErrorAsync(context, 403, "Forbidden", $"Operation {keyOp} is not allowed on a disabled key.", "KeyDisabled");
            return;
        }

        if (!version.Ops.Contains(keyOp))
        {
            await ErrorAsync(context, 403, "Forbidden", $"Operation {keyOp} is not permitted on this key.", "KeyOperationForbidden");
            return;
        }

        var algorithm = body?.TryGetProperty("alg", out var a) == true ? a.GetString() : null;
        byte[] value;
        try
        {
            value = Base64Url.DecodeFromChars(body?.GetProperty("value").GetString());
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException)
        {
            await ErrorAsync(context, 400, "BadParameter", "The value is missing or is not base64url.");
            return;
        }

        var kid = Kid(name, version);
        try
        {
            switch (operation, algorithm)
            {
                case ("wrapkey", "RSA-OAEP-256"):
                    await OkAsync(context, operation, new { kid, value = Base64Url.EncodeToString(version.Rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256)) });
                    return;
                case ("unwrapkey", "RSA-OAEP-256"):
                    var key = version.Rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
                    unwrapsByValue.AddOrUpdate(Base64Url.EncodeToString(value), 1, (_, n) => n + 1);
                    await OkAsync(context, operation, new { kid, value = Base64Url.EncodeToString(key) });
                    return;
                case ("sign", "PS256") when value.Length == 32:
                    await OkAsync(context, operation, new { kid, value = Base64Url.EncodeToString(version.Rsa.SignHash(value, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)) });
                    return;
                case ("verify", "PS256") when value.Length > 0:
                    var digest = Base64Url.DecodeFromChars(body?.GetProperty("digest").GetString());
                    await OkAsync(context, operation, new { value = digest.Length == 32 && version.Rsa.VerifyHash(digest, value, HashAlgorithmName.SHA256, RSASignaturePadding.Pss) });
                    return;
                default:
                    await ErrorAsync(context, 400, "BadParameter", $"Algorithm '{algorithm}' or the value's length is not valid for {keyOp}.");
                    return;
            }
        }
        catch (CryptographicException)
        {
            await ErrorAsync(context, 400, "BadParameter", "The value could not be processed with this key.");
        }
    }

    private async Task VersionsAsync(HttpContext context, string name)
    {
        List<KeyVersion> versions;
        lock (gate)
        {
            if (!keys.TryGetValue(name, out var all))
            {
                versions = [];
            }
            else
            {
                versions = [.. all];
            }
        }

        var skip = int.TryParse(context.Request.Query["$skiptoken"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var take = int.TryParse(context.Request.Query["maxresults"], CultureInfo.InvariantCulture, out var m) ? Math.Clamp(m, 1, 25) : 25;
        var page = versions.Skip(skip).Take(take).Select(v => new { kid = Kid(name, v), attributes = Attributes(v) }).ToList();
        var nextLink = skip + take < versions.Count
            ? $"https://{context.Request.Host}/keys/{name}/versions?api-version={context.Request.Query["api-version"]}&$skiptoken={skip + take}&maxresults={take}"
            : null;
        await OkAsync(context, "versions", new { value = page, nextLink });
    }

    private async Task IdentityAsync(HttpContext context)
    {
        var resource = context.Request.Query["resource"].ToString();
        if (context.Request.Path != "/msi/token" || context.Request.Headers["X-IDENTITY-HEADER"] != IdentityHeader
            || context.Request.Query["api-version"] != "2019-08-01" || resource.Length == 0)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { statusCode = 400, message = "A resource, api-version 2019-08-01 and X-IDENTITY-HEADER are required." });
            return;
        }

        var clientId = context.Request.Query["client_id"].ToString();
        identityRequests.Enqueue((resource, clientId.Length == 0 ? null : clientId));
        var expiresOn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["access_token"] = IssueToken(resource),
            ["expires_on"] = expiresOn,
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = clientId,
        });
    }

    private bool IsAuthorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal)
            && tokens.TryGetValue(header["Bearer ".Length..], out var token)
            && token.Expires > DateTimeOffset.UtcNow
            && string.Equals(token.Resource, ChallengeResource.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }

    private KeyVaultFault? TakeFault(KeyVaultRequest request)
    {
        lock (gate)
        {
            var rule = faults.Find(f => f.Remaining > 0 && f.When(request));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            return rule.Fault;
        }
    }

    private async Task InjectAsync(HttpContext context, KeyVaultFault fault)
    {
        if (fault.Hangs)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, both.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, or the server stops.
            }

            return;
        }

        if (fault.RetryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (fault.Status == 429)
        {
            await ErrorAsync(context, 429, "Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");
        }
        else
        {
            await ErrorAsync(context, fault.Status, "InternalServerError", "An unexpected error occurred.");
        }
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

    private string Kid(string name, KeyVersion version) => $"{VaultUri.GetLeftPart(UriPartial.Authority)}/keys/{name}/{version.Id}";

    private object Bundle(string name, KeyVersion version)
    {
        var parameters = version.Rsa.ExportParameters(false);
        return new
        {
            key = new
            {
                kid = Kid(name, version),
                kty = version.KeyType,
                key_ops = version.Ops,
                n = Base64Url.EncodeToString(parameters.Modulus),
                e = Base64Url.EncodeToString(parameters.Exponent),
            },
            attributes = Attributes(version),
        };
    }

    private static object Attributes(KeyVersion version) => new
    {
        enabled = version.Enabled,
        created = version.Created.ToUnixTimeSeconds(),
        updated = version.Created.ToUnixTimeSeconds(),
        recoveryLevel = "Recoverable",
        recoverableDays = 90,
        exportable = false,
    };

    private sealed class FaultRule(KeyVaultFault fault, int times, Func<KeyVaultRequest, bool> when)
    {
        public KeyVaultFault Fault { get; } = fault;

        public int Remaining { get; set; } = times;

        public Func<KeyVaultRequest, bool> When { get; } = when;
    }

    private sealed class KeyVersion(string id, RSA rsa, string[] ops, string keyType)
    {
        public string Id { get; } = id;

        public RSA Rsa { get; } = rsa;

        public string[] Ops { get; } = ops;

        public string KeyType { get; } = keyType;

        public bool Enabled { get; set; } = true;

        public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

        public static KeyVersion Create(string[] ops, int size = 3072, string keyType = "RSA-HSM") =>
            new(Guid.NewGuid().ToString("N"), RSA.Create(size), ops, keyType);
    }

    /// <summary>Stands in for a managed identity in this process: asks the server for a token for the scope's resource.</summary>
    private sealed class IssuingCredential(KeyVaultTestServer server) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var scope = requestContext.Scopes.Single();
            var resource = scope.EndsWith("/.default", StringComparison.Ordinal) ? scope[..^"/.default".Length] : scope;
            return new AccessToken(server.IssueToken(resource), DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
