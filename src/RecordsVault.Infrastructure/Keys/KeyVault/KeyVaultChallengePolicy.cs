using Azure.Core;
using Azure.Core.Pipeline;

namespace RecordsVault.Infrastructure.Keys.KeyVault;

/// <summary>
/// Key Vault's authentication protocol. The first request goes without a token, and without its body; the vault
/// answers 401 with <c>WWW-Authenticate: Bearer authorization="https://login…/{tenant}", resource="https://vault.azure.net"</c>
/// (or <c>scope=</c>). The token is then requested for <c>{resource}/.default</c> in that tenant and the request sent
/// again, with its body. The challenge is remembered, so later requests carry a token from the start.
/// </summary>
/// <remarks>
/// By default the challenged resource must be the vault's own host or a parent domain of it
/// (<c>kv-x.vault.azure.net</c> may ask for <c>https://vault.azure.net</c>), so an endpoint posing as the vault cannot
/// have a token for another resource, such as Azure Resource Manager, sent to it.
/// </remarks>
internal sealed class KeyVaultChallengePolicy(TokenCredential credential, bool verifyChallengeResource)
    : BearerTokenAuthenticationPolicy(credential, Array.Empty<string>())
{
    private const string StashedContent = "RecordsVault.KeyVault.StashedContent";

    private Challenge? challenge;

    protected override ValueTask AuthorizeRequestAsync(HttpMessage message)
    {
        if (Volatile.Read(ref challenge) is { } known)
        {
            return AuthenticateAndAuthorizeRequestAsync(message, known.Context(message));
        }

        // Until the vault has named itself, nothing but the request line leaves: a key to wrap never goes to an endpoint
        // whose challenge has not been checked. A retry of this first request finds the body already stashed.
        if (!message.TryGetProperty(StashedContent, out _))
        {
            message.SetProperty(StashedContent, message.Request.Content ?? (object)NoContent.Instance);
            message.Request.Content = null;
        }

        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<bool> AuthorizeRequestOnChallengeAsync(HttpMessage message)
    {
        if (message.Request.Content is null && message.TryGetProperty(StashedContent, out var stashed))
        {
            message.Request.Content = stashed as RequestContent;
        }

        message.Response.Headers.TryGetValue("WWW-Authenticate", out var header);
        var parameters = BearerChallenge.Parse(header);
        if (parameters is null)
        {
            return false; // not a Key Vault challenge: the 401 stands
        }

        var scope = parameters.GetValueOrDefault("resource") is { Length: > 0 } resource
            ? resource.TrimEnd('/') + "/.default"
            : parameters.GetValueOrDefault("scope");
        if (string.IsNullOrEmpty(scope))
        {
            return false; // not a Key Vault challenge: the 401 stands
        }

        var host = message.Request.Uri.Host ?? string.Empty;
        if (verifyChallengeResource && !BelongsTo(host, scope))
        {
            throw new KeyVaultChallengeException(
                $"The vault at '{host}' asked for a token for '{scope}', which is neither that host nor a parent domain of it; no token was requested.");
        }

        var authorization = parameters.GetValueOrDefault("authorization") ?? parameters.GetValueOrDefault("authorization_uri");
        var current = new Challenge([scope], TenantOf(authorization));
        Volatile.Write(ref challenge, current);
        await AuthenticateAndAuthorizeRequestAsync(message, current.Context(message));
        return true;
    }

    // This client only sends asynchronously; the synchronous path is never taken.
    protected override void AuthorizeRequest(HttpMessage message) => throw new NotSupportedException("The Key Vault client is asynchronous only.");

    protected override bool AuthorizeRequestOnChallenge(HttpMessage message) => throw new NotSupportedException("The Key Vault client is asynchronous only.");

    /// <summary>The vault's host is the resource's host, or a subdomain of it.</summary>
    private static bool BelongsTo(string host, string scope) =>
        Uri.TryCreate(scope, UriKind.Absolute, out var resource) && resource.Host.Length > 0
        && (host.Equals(resource.Host, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + resource.Host, StringComparison.OrdinalIgnoreCase));

    /// <summary>The tenant is the first path segment of the authorization URI, <c>https://login.microsoftonline.com/{tenant}</c>.</summary>
    private static string? TenantOf(string? authorization) =>
        Uri.TryCreate(authorization, UriKind.Absolute, out var uri) && uri.Segments.Length > 1 ? uri.Segments[1].Trim('/') : null;

    /// <summary>Stands for a request that had no body, so that a stashed "nothing" is told from "not stashed yet".</summary>
    private sealed class NoContent
    {
        public static readonly NoContent Instance = new();
    }

    private sealed record Challenge(string[] Scopes, string? TenantId)
    {
        public TokenRequestContext Context(HttpMessage message) =>
            new(Scopes, parentRequestId: message.Request.ClientRequestId, tenantId: TenantId);
    }
}
