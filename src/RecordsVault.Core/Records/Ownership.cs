namespace RecordsVault.Core.Records;

/// <summary>Who owns a record under ORR guide 6.2.5: ORR before release, the grantee after.</summary>
public enum Ownership
{
    OrrOwned,
    Grantee,
}

/// <summary>Derives ownership from dates; callers never choose it.</summary>
public static class OwnershipRule
{
    /// <summary>Records developed while the child was in ORR custody (before the release date) are ORR-owned.</summary>
    public static Ownership For(DateOnly developedAt, DateOnly releaseDate) =>
        developedAt < releaseDate ? Ownership.OrrOwned : Ownership.Grantee;
}
