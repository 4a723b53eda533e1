using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace RecordsVault.Tests;

/// <summary>A test user: a client of the issuer whose tokens carry this sub, org and roles.</summary>
/// <param name="BackdateSeconds">How far in the past the issuer dates this persona's tokens (10 minutes long).</param>
public sealed record Persona(string Sub, string Org, string[] Roles, int BackdateSeconds = 0)
{
    public string ClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}

/// <summary>A user who signs in through the browser at the issuer's development login form: any password, this login name.</summary>
public sealed record WebUser(string Login, string Org, string[] Roles);

/// <summary>
/// The API's app registration as a confidential web client of the issuer (authorization code with PKCE): the vault's
/// console signs users in with the API's own client id, as in Entra.
/// </summary>
public sealed record WebSignInClient(string ClientSecret, string RedirectUri, string PostLogoutRedirectUri);

/// <summary>
/// The real OpenID Connect issuer of <c>tests/oidc-issuer/issuer.mjs</c> (oidc-provider), run by node on 127.0.0.1 at a
/// port it picks, over HTTPS with a certificate made here for this run. Laid out like Entra ID: one issuer per tenant
/// at <c>{Instance}{tenant}/v2.0</c>, both tenants signing with the same keys.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<JsonElement> events = Channel.CreateUnbounded<JsonElement>();
    private readonly StringBuilder errors = new();
    private readonly HttpClient http;
    private readonly Dictionary<string, Persona> personas;

    private TestIssuer(Process process, X509Certificate2 authority, string workDirectory, IEnumerable<Persona> personas)
    {
        this.process = process;
        Authority = authority;
        WorkDirectory = workDirectory;
        this.personas = personas.ToDictionary(p => p.Sub);
        http = new HttpClient(TrustingHandler());
    }

    /// <summary>The API's app registration: the audience of its tokens, asked for as the resource <c>api://{id}</c>.</summary>
    public string ApiClientId { get; } = Guid.NewGuid().ToString();

    /// <summary>Another API of the same issuer: its tokens are valid in every way but their audience.</summary>
    public string OtherApiClientId { get; } = Guid.NewGuid().ToString();

    public string TenantId { get; } = Guid.NewGuid().ToString();

    /// <summary>Another tenant of the same issuer, signing with the same keys, as every Entra tenant does.</summary>
    public string OtherTenantId { get; } = Guid.NewGuid().ToString();

    /// <summary><c>https://127.0.0.1:PORT/</c>: what <c>AzureAd:Instance</c> names.</summary>
    public string Instance { get; private set; } = string.Empty;

    /// <summary>The key id the issuer signs with now.</summary>
    public string SigningKeyId { get; private set; } = string.Empty;

    /// <summary>The throwaway CA that signed the issuer's TLS certificate; its private key was never kept.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The issuer's configuration and TLS files, removed with it.</summary>
    private string WorkDirectory { get; }

    public static async Task<TestIssuer> StartAsync(IEnumerable<Persona> personas, IEnumerable<WebUser>? users = null, WebSignInClient? webClient = null)
    {
        var directory = Path.Combine(Environment.GetEnvironmentVariable("VAULT_TEST_DATA") ?? Path.GetTempPath(), "issuer-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var authority = WriteTlsFiles(directory);
        var start = new ProcessStartInfo("node", [Path.Combine("tests", "oidc-issuer", "issuer.mjs"), Path.Combine(directory, "config.json")])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        var list = personas.ToList();
        var issuer = new TestIssuer(new Process { StartInfo = start }, authority, directory, list);
        await File.WriteAllTextAsync(Path.Combine(directory, "config.json"), JsonSerializer.Serialize(new
        {
            tlsKey = Path.Combine(directory, "tls-key.pem"),
            tlsCert = Path.Combine(directory, "tls-cert.pem"),
            tenants = new[] { issuer.TenantId, issuer.OtherTenantId },
            apis = new[]
            {
                new { resource = $"api://{issuer.ApiClientId}", audience = issuer.ApiClientId },
                new { resource = $"api://{issuer.OtherApiClientId}", audience = issuer.OtherApiClientId },
            },
            personas = list.Select(p => new { clientId = p.Sub, clientSecret = p.ClientSecret, sub = p.Sub, org = p.Org, roles = p.Roles, backdateSeconds = p.BackdateSeconds }),
            webClients = webClient is null
                ? []
                : new[] { new { clientId = issuer.ApiClientId, clientSecret = webClient.ClientSecret, redirectUris = new[] { webClient.RedirectUri }, postLogoutRedirectUris = new[] { webClient.PostLogoutRedirectUri } } },
            users = (users ?? []).Select(u => new { login = u.Login, org = u.Org, roles = u.Roles }),
        }));

        issuer.process.Start();
        issuer.process.OutputDataReceived += (_, e) => issuer.OnOutput(e.Data);
        issuer.process.ErrorDataReceived += (_, e) =>
        {
            lock (issuer.errors)
            {
                issuer.errors.AppendLine(e.Data);
            }
        };
        issuer.process.BeginOutputReadLine();
        issuer.process.BeginErrorReadLine();

        var ready = await issuer.NextEventAsync("ready");
        issuer.Instance = ready.GetProperty("origin").GetString() + "/";
        issuer.SigningKeyId = ready.GetProperty("kid").GetString()!;
        return issuer;
    }

    /// <summary>
    /// A handler that trusts exactly the issuer's throwaway CA for TLS (host name checked as usual), and nothing
    /// else: not the machine's store, so the test changes no trust outside the clients it is given to.
    /// </summary>
    public SocketsHttpHandler TrustingHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { Authority },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };

    /// <summary>An access token for the persona, from the client-credentials grant at the tenant's token endpoint.</summary>
    public async Task<string> TokenAsync(Persona persona, string? tenantId = null, string? audience = null)
    {
        var response = await http.PostAsync($"{Instance}{tenantId ?? TenantId}/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = persona.Sub,
            ["client_secret"] = persona.ClientSecret,
            ["resource"] = $"api://{audience ?? ApiClientId}",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"the issuer refused a token for {persona.Sub}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>The tenant's published signing keys, as the API reads them.</summary>
    public async Task<JsonElement> JwksAsync() =>
        JsonDocument.Parse(await http.GetStringAsync($"{Instance}{TenantId}/v2.0/jwks")).RootElement.Clone();

    /// <summary>Publishes a new signing key first in the JWKS, keeping the old one, and signs with the new one from now on.</summary>
    public async Task<string> RotateSigningKeyAsync()
    {
        await process.StandardInput.WriteLineAsync("rotate");
        await process.StandardInput.FlushAsync();
        SigningKeyId = (await NextEventAsync("rotated")).GetProperty("kid").GetString()!;
        return SigningKeyId;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            // Closing stdin asks the issuer to stop; a kill is the fallback.
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        Authority.Dispose();
        Directory.Delete(WorkDirectory, recursive: true);
    }

    private void OnOutput(string? line)
    {
        // Only the issuer's own protocol lines are JSON; oidc-provider may print notices beside them.
        if (line is null || !line.StartsWith('{'))
        {
            return;
        }

        events.Writer.TryWrite(JsonDocument.Parse(line).RootElement.Clone());
    }

    private async Task<JsonElement> NextEventAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var next = await events.Reader.ReadAsync(timeout.Token);
            var eventName = next.GetProperty("event").GetString();
            return eventName == name
                ? next
                : throw new InvalidOperationException($"the test issuer answered '{eventName}' instead of '{name}': {next}");
        }
        catch (OperationCanceledException)
        {
            string stderr;
            lock (errors)
            {
                stderr = errors.ToString();
            }

            throw new TimeoutException($"the test issuer did not say '{name}' within 30 s (exited: {process.HasExited}). Its stderr:\n{stderr}");
        }
    }

    /// <summary>
    /// A CA made for this run and a server certificate for 127.0.0.1 that it signs; the CA's private key is dropped
    /// once it has signed, so nothing else can ever chain to it.
    /// </summary>
    private static X509Certificate2 WriteTlsFiles(string directory)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=RecordsVault test issuer CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        File.WriteAllText(Path.Combine(directory, "tls-cert.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "tls-key.pem"), serverKey.ExportPkcs8PrivateKeyPem());
        return X509CertificateLoader.LoadCertificate(ca.RawData);
    }

}
