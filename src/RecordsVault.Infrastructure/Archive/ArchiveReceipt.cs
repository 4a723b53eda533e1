namespace RecordsVault.Infrastructure.Archive;

/// <summary>What one archive run stored or found already in, case by case: the receipt that proves what moved.</summary>
public sealed record ArchiveReceipt(
    string Id,
    string Organization,
    string ArchivedBy,
    DateTime CompletedAt,
    int Rows,
    int RowsStored,
    int RowsAlreadyIn,
    IReadOnlyList<ArchivedCase> Cases,
    IReadOnlyList<string> Failures);

/// <summary>A case of the manifest as it stands in the vault after the run.</summary>
public sealed record ArchivedCase(string CaseNumber, string CaseId, string Lifecycle, DateOnly? RetainUntil, IReadOnlyList<ArchivedRecord> Records);

/// <summary>One record of the manifest, found by its SHA-256 or stored by this run.</summary>
public sealed record ArchivedRecord(int Line, string File, string RecordId, string Sha256, bool AlreadyIn);

/// <summary>How far a run has got, for a progress bar.</summary>
public sealed record ArchiveProgress(int RowsDone, int Rows, long BytesDone);
