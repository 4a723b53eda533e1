namespace RecordsVault.Core.Audit;

/// <summary>How an audited action ended: done, refused (403 or 404), or failed for another reason.</summary>
public enum AuditOutcome
{
    Succeeded,
    Denied,
    Failed,
}
