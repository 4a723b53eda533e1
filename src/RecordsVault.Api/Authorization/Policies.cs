using Microsoft.AspNetCore.Authorization;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>Route-level role policies. Anything without one is denied (the fallback policy denies all).</summary>
public static class Policies
{
    public const string CaseWriter = nameof(CaseWriter);
    public const string CaseReader = nameof(CaseReader);

    public static AuthorizationBuilder AddVaultPolicies(this AuthorizationBuilder builder, string orgClaim) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(_ => false).Build())
        .AddPolicy(CaseWriter, p => p.RequireAuthenticatedUser().RequireClaim(orgClaim).RequireRole(Roles.Caseworker, Roles.RecordsManager))
        .AddPolicy(CaseReader, p => p.RequireAuthenticatedUser().RequireClaim(orgClaim)
            .RequireRole(Roles.Caseworker, Roles.RecordsManager, Roles.OrrOfficial));
}
