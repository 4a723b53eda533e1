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

// Tokens: the managed identity endpoint, the in-process credential, and the bearer check of every keys request.
public sealed partial class KeyVaultTestServer
{
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
