using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using RecordsVault.Api.Identity;

namespace RecordsVault.Api.Console;

/// <summary>
/// The web console: Razor Pages under <c>/console</c>, signed in with a cookie that only the console's pages accept.
/// API routes keep the bearer scheme as their default and never read the cookie, so a page cannot be used for CSRF
/// against the API, and the API never answers a browser's cookie.
/// </summary>
public static class ConsoleSetup
{
    public const string Scheme = "Console";

    /// <summary>Entra ID mode's sign-in: OpenID Connect (authorization code with PKCE) through Microsoft.Identity.Web, into the console's cookie.</summary>
    public const string EntraScheme = "ConsoleEntra";
    public const string Policy = "Console";
    public const string Path = "/console";

    public static IServiceCollection AddVaultConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var identity = configuration.GetSection(VaultIdentityOptions.Section).Get<VaultIdentityOptions>() ?? new VaultIdentityOptions();
        var idleTimeout = ConsoleSession.IdleTimeout(configuration);
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "vault.console";
            o.Cookie.Path = Path;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = idleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = $"{Path}/signin";
            o.LogoutPath = $"{Path}/signout";
            o.AccessDeniedPath = $"{Path}/denied";
            o.ReturnUrlParameter = "returnUrl";
        });
        if (EntraSignIn(configuration))
        {
            AddEntraSignIn(services, configuration);
        }

        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(identity.OrgClaim));

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Console/Pages";
            o.Conventions.Add(new ConsoleRoutes());
            o.Conventions.AuthorizeFolder("/", Policy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Denied");
            o.Conventions.ConfigureFilter(new ConsoleErrors());
        });
        return services;
    }

    /// <summary>
    /// Entra ID mode with the console's client secret (<c>AzureAd:ClientSecret</c>): the console signs users in through
    /// Entra. Without the secret an Entra vault serves its API alone and the console's sign-in page says so.
    /// </summary>
    public static bool EntraSignIn(IConfiguration configuration) =>
        configuration[$"{VaultIdentityOptions.Section}:Mode"] == "EntraId"
        && !string.IsNullOrWhiteSpace(configuration[$"{EntraIdSettings.Section}:ClientSecret"]);

    /// <summary>
    /// The app registration of the API (<c>AzureAd</c>: Instance, TenantId, ClientId, and the ClientSecret this confidential
    /// web client redeems codes with) signs users in; the ID token carries the same sub, roles and org claims as the API's
    /// access tokens, read as they are (no inbound mapping), so the console's principal is the API's caller.
    /// </summary>
    private static void AddEntraSignIn(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddMicrosoftIdentityWebApp(configuration.GetSection(EntraIdSettings.Section), EntraScheme, cookieScheme: null);
        services.PostConfigure<OpenIdConnectOptions>(EntraScheme, o =>
        {
            o.SignInScheme = Scheme;

            // Where the sign-out reads the ID token for its id_token_hint. ASP.NET Core defaults it to the sign-in scheme
            // before this runs, when that was not yet the console's cookie, so it is named here too.
            o.SignOutScheme = Scheme;
            o.CallbackPath = $"{Path}/signin-oidc";
            o.SignedOutCallbackPath = $"{Path}/signout-oidc";
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;

            // The code comes back in the query, a top-level GET: Lax cookies reach it, over plain http in development too.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

            // Microsoft.Identity.Web scopes these cookies to its own default callback path; they must reach this one.
            o.CorrelationCookie.Path = o.CallbackPath;
            o.NonceCookie.Path = o.CallbackPath;
            o.Scope.Clear();
            o.Scope.Add("openid");

            // The ID token is accepted as the API accepts its access tokens (RS256, expiry, skew) and read the same way.
            o.MapInboundClaims = false;
            TokenClaims.Apply(o.TokenValidationParameters);

            // Microsoft.Identity.Web's own handling still renames sub and roles to WS-Federation URIs on the way in; the
            // session is built from the validated ID token's claims as the token names them, as the API reads its tokens.
            var validated = o.Events.OnTokenValidated;
            o.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                context.Principal = TokenClaims.Principal(context.SecurityToken.Claims, EntraScheme);
            };

            // RP-initiated logout names the client, so the issuer may send the user back to the registered sign-out path.
            var signingOut = o.Events.OnRedirectToIdentityProviderForSignOut;
            o.Events.OnRedirectToIdentityProviderForSignOut = async context =>
            {
                await signingOut(context);
                context.ProtocolMessage.ClientId = context.Options.ClientId;
            };

            // The ID token is kept in the (encrypted) cookie for the sign-out's id_token_hint, and nothing else: the access
            // token of the code redemption (for the issuer's userinfo) is never used, so it is not carried around.
            o.SaveTokens = true;
            var received = o.Events.OnTicketReceived;
            o.Events.OnTicketReceived = async context =>
            {
                await received(context);
                context.Properties?.StoreTokens(context.Properties.GetTokens().Where(t => t.Name == OpenIdConnectParameterNames.IdToken).ToList());
            };
        });
    }

    /// <summary>The console's headers, then its stylesheet and script, which need no sign-in.</summary>
    public static WebApplication UseVaultConsole(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), branch => branch.UseMiddleware<ConsoleHeaders>());
        app.UseStaticFiles();
        return app;
    }

    /// <summary>Every page's route starts with <c>/console</c>; a page that names its whole route (<c>@page "/console/cases/{id}"</c>) names it with the prefix.</summary>
    private sealed class ConsoleRoutes : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            foreach (var route in model.Selectors.Select(s => s.AttributeRouteModel!))
            {
                if (!(route.Template ?? string.Empty).StartsWith("console/", StringComparison.OrdinalIgnoreCase))
                {
                    route.Template = AttributeRouteModel.CombineTemplates("console", route.Template);
                }
            }
        }
    }
}
