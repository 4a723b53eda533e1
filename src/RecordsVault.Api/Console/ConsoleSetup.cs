using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
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
