using System.Security.Claims;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>The authenticated caller as the vault sees it: subject, organization and roles.</summary>
public sealed record Caller(string Subject, string Organization, IReadOnlySet<string> Roles)
{
    /// <summary>ORR officials and ORR auditors see every organization's cases, but only with both the role and ORR's organization.</summary>
    public bool SeesEveryOrganization => IsOrrOfficial || Organization == Organizations.Orr && Roles.Contains(Core.Access.Roles.Auditor);

    /// <summary>An ORR official acting for ORR: the role and ORR's organization together.</summary>
    public bool IsOrrOfficial => Organization == Organizations.Orr && Roles.Contains(Core.Access.Roles.OrrOfficial);

    /// <summary>The organization to scope listings to: null for those who see every organization.</summary>
    public string? ScopeOrganization => SeesEveryOrganization ? null : Organization;

    public static Caller From(ClaimsPrincipal user, string orgClaim) => new(
        user.FindFirstValue("sub") ?? string.Empty,
        user.FindFirstValue(orgClaim) ?? string.Empty,
        user.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal));

    /// <summary>Minimal-API binding: endpoints take a <see cref="Caller"/> parameter.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<Caller?>(From(
            context.User,
            context.RequestServices.GetRequiredService<IOptions<VaultIdentityOptions>>().Value.OrgClaim));
}
