using RecordsVault.Core.Cases;
using RecordsVault.Core.Records;

namespace RecordsVault.Core.Archive;

/// <summary>
/// A case as a manifest states it; every row of the case must state it the same way. Without a service period end
/// the case stays open (an export carries open cases too); its active holds are applied once it is in.
/// </summary>
public sealed record ArchiveCase(
    string CaseNumber,
    string State,
    DateOnly ReleaseDate,
    DateOnly ChildDateOfBirth,
    PrsType PrsType,
    int PrsLevel,
    DateOnly? ServicePeriodEnd,
    string? ClosureReason,
    ArchiveHolds Holds)
{
    public NewCase ToNewCase() => new(CaseNumber, State, ReleaseDate, ChildDateOfBirth, PrsType, PrsLevel);
}

/// <summary>One record of a manifest: its metadata, the file relative to the manifest, its SHA-256 when the manifest states it, and its line.</summary>
public sealed record ArchiveRecord(int Line, NewRecord Record, string File, string ContentType, string? Sha256 = null)
{
    /// <summary>Derived as for single uploads: developed before the release date means ORR-owned.</summary>
    public Ownership OwnershipIn(ArchiveCase target) => OwnershipRule.For(Record.DevelopedAt, target.ReleaseDate);
}

/// <summary>A case of the manifest with its records, in manifest order (none for a case stated on a row without a file).</summary>
public sealed record ArchiveEntry(int Line, ArchiveCase Case, IReadOnlyList<ArchiveRecord> Records);

/// <summary>Something wrong with one line of a manifest.</summary>
public sealed record ArchiveProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
