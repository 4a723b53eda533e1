using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecordsVault.Tests;

/// <summary>
/// The App Service managed identity endpoint (<c>IDENTITY_ENDPOINT</c>, <c>IDENTITY_HEADER</c>, api-version 2019-08-01),
/// over plain http on loopback as App Service serves it, handing out the token the test chose: for a service that uses
/// a token as a password (PostgreSQL's Entra authentication), where the test must set the same value on the server.
/// Tokens expire within two minutes, so the credential's cache asks again at every refresh.
/// </summary>
public sealed class ManagedIdentityEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> resources = new();

    private ManagedIdentityEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(ServeAsync);
    }

    /// <summary>The token handed out; change it to rotate.</summary>
    public string Token { get; set; } = NewToken();

    /// <summary>While true, the endpoint answers 500, as a managed identity endpoint that is down.</summary>
    public bool Failing { get; set; }

    public string Header { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The resource of every token request that was answered.</summary>
    public IReadOnlyList<string> Resources => [.. resources];

    /// <summary>The settings that point <c>DefaultAzureCredential</c> of a vault process at this endpoint.</summary>
    public IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["IDENTITY_ENDPOINT"] = Endpoint.ToString(),
        ["IDENTITY_HEADER"] = Header,
    };

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static async Task<ManagedIdentityEndpoint> StartAsync()
    {
        var endpoint = new ManagedIdentityEndpoint();
        await endpoint.app.StartAsync();
        var address = endpoint.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        endpoint.Endpoint = new Uri(new Uri(address), "/msi/token");
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var resource = context.Request.Query["resource"].ToString();
        if (context.Request.Path != "/msi/token" || context.Request.Headers["X-IDENTITY-HEADER"] != Header
            || context.Request.Query["api-version"] != "2019-08-01" || resource.Length == 0)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { statusCode = 400, message = "A resource, api-version 2019-08-01 and X-IDENTITY-HEADER are required." });
            return;
        }

        if (Failing)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { statusCode = 500, message = "The identity endpoint is failing (test)." });
            return;
        }

        resources.Enqueue(resource);
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["access_token"] = Token,
            ["expires_on"] = DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
        });
    }
}
