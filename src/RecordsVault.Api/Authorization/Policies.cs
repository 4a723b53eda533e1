using Microsoft.AspNetCore.Authorization;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>Route-level role policies (403 when the role is wrong). Anything without one is denied by the fallback.</summary>
public static class Policies
{
    public const string CaseWriter = nameof(CaseWriter);
    public const string CaseReader = nameof(CaseReader);
    public const string RecordsManager = nameof(RecordsManager);
    public const string RetentionReader = nameof(RetentionReader);
    public const string RetentionManager = nameof(RetentionManager);
    public const string HoldReader = nameof(HoldReader);
    public const string OrrOfficial = nameof(OrrOfficial);
    public const string DisclosureReader = nameof(DisclosureReader);
    public const string AuditReader = nameof(AuditReader);

    private static readonly Dictionary<string, string[]> RolesByPolicy = new()
    {
        [CaseWriter] = [Roles.Caseworker, Roles.RecordsManager],
        [CaseReader] = [Roles.Caseworker, Roles.RecordsManager, Roles.OrrOfficial],
        [RecordsManager] = [Roles.RecordsManager],
        [RetentionReader] = [Roles.Caseworker, Roles.RecordsManager, Roles.OrrOfficial, Roles.Auditor],
        [RetentionManager] = [Roles.RecordsManager, Roles.OrrOfficial],
        [HoldReader] = [Roles.RecordsManager, Roles.OrrOfficial, Roles.Auditor],
        [OrrOfficial] = [Roles.OrrOfficial],
        // Any vault role passes here: the endpoint answers 404 to everyone but the requester and the
        // designee, so that not even the existence of a disclosure leaks to a wrong role.
        [DisclosureReader] = [.. Roles.All],
        [AuditReader] = [Roles.Auditor, Roles.OrrOfficial],
    };

    public static AuthorizationBuilder AddVaultPolicies(this AuthorizationBuilder builder, string orgClaim)
    {
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(_ => false).Build());
        foreach (var (name, roles) in RolesByPolicy)
        {
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireClaim(orgClaim).RequireRole(roles));
        }

        return builder;
    }
}
