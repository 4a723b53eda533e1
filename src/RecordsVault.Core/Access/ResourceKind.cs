namespace RecordsVault.Core.Access;

/// <summary>What an operation acts on; decides which handler answers and what "may see it" means for a refusal.</summary>
public enum ResourceKind
{
    /// <summary>An organization as a whole: a listing, a search, a sweep, or something new created in it.</summary>
    Organization,
    Case,
    Record,
    Hold,
    Disclosure,
    Release,
}
