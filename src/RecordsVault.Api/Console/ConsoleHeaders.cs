namespace RecordsVault.Api.Console;

/// <summary>
/// Security headers on every console response: scripts and styles only from the vault itself (no inline script or
/// style), never framed, no referrer (a case page's address must not leak), and nothing cached.
/// </summary>
public sealed class ConsoleHeaders(RequestDelegate next, IConfiguration configuration)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>
    /// In Entra ID mode the sign-out form's answer redirects to Entra's logout, and browsers hold a form's redirects to
    /// form-action too: Entra's origin (AzureAd:Instance) is allowed there, and nothing else is added.
    /// </summary>
    private readonly string policy = configuration[$"{Identity.VaultIdentityOptions.Section}:Mode"] == "EntraId"
        && Uri.TryCreate(configuration[$"{Identity.EntraIdSettings.Section}:Instance"], UriKind.Absolute, out var instance)
            ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {instance.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(http);
    }
}
