namespace RecordsVault.Core.Archive;

/// <summary>
/// The signed index of a handover export (<c>signature.json</c>): the digests of its manifest and case file. The
/// manifest carries each record file's SHA-256, so the one signature covers every byte of the export.
/// </summary>
public sealed record ExportIndex(
    string ExportId, string Organization, string ExportedBy, DateTime ExportedAt, int Cases, int Records, IReadOnlyList<ExportFile> Files)
{
    public const string ManifestPath = "manifest.csv";
    public const string CasesPath = "cases.json";
    public const string SignaturePath = "signature.json";
}

/// <summary>One file the index vouches for.</summary>
public sealed record ExportFile(string Path, string Sha256, long Size);
