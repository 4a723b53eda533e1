namespace RecordsVault.Core.Access;

/// <summary>The authenticated caller as the vault sees it: subject, organization and roles.</summary>
public sealed record Caller(string Subject, string Organization, IReadOnlySet<string> Roles)
{
    /// <summary>Whether the caller belongs to ORR's own organization.</summary>
    public bool IsOrr => Organization == Organizations.Orr;
}
