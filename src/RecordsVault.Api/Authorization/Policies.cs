using Microsoft.AspNetCore.Authorization;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>
/// One route policy per operation, built from the permission table: 403 when no role of the caller could ever
/// perform it. Anything without a policy is denied by the fallback.
/// </summary>
public static class Policies
{
    public static string NameOf(Operation operation) => $"Operation:{operation}";

    public static AuthorizationBuilder AddVaultPolicies(this AuthorizationBuilder builder, string orgClaim)
    {
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(_ => false).Build());
        foreach (var permission in PermissionTable.Rows)
        {
            builder.AddPolicy(NameOf(permission.Operation), p => p
                .RequireAuthenticatedUser()
                .RequireClaim(orgClaim)
                .AddRequirements(new RouteRequirement(permission.Operation)));
        }

        return builder;
    }

    public static IServiceCollection AddVaultAccessHandlers(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, RouteHandler>();
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        services.AddSingleton<IAuthorizationHandler, CaseHandler>();
        services.AddSingleton<IAuthorizationHandler, DisclosureHandler>();
        services.AddSingleton<IAuthorizationHandler, ReleaseHandler>();
        // These two look up the organizations a record or hold belongs to, through the request's database context.
        services.AddScoped<IAuthorizationHandler, RecordHandler>();
        services.AddScoped<IAuthorizationHandler, HoldHandler>();
        services.AddScoped<CaseOwners>();
        services.AddScoped<Audit.AuditTargets>();
        services.AddScoped(sp => CallerClaims.From(
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Identity.VaultIdentityOptions>>().Value.OrgClaim));
        services.AddHttpContextAccessor();
        return services;
    }
}
