namespace RecordsVault.Core.Access;

/// <summary>
/// What a reach is judged against: the organizations a resource belongs to for the operation at hand,
/// and, for a disclosure request, who asked for it and whom it names.
/// </summary>
public sealed record AccessTarget(IReadOnlySet<string> Organizations, string? RequestedBy = null, string? Designee = null, DateTime? DesigneeUntil = null)
{
    public static AccessTarget Of(string organization) => new(new HashSet<string>(StringComparer.Ordinal) { organization });
}
