using System.Security.Cryptography;
using System.Text.Json;
using RecordsVault.Core.Signing;

namespace RecordsVault.Core.Archive;

/// <summary>
/// Checks a handover export offline, with only the vault's published keys: the signature over the index, the
/// index's digests of the manifest and case file, the manifest's rules, every record file against the SHA-256 its
/// row states, and that no file is there that the signature does not cover.
/// </summary>
public static class ExportVerifier
{
    public static async Task<ExportCheck> VerifyAsync(
        ArchiveFiles files, IReadOnlyList<SigningPublicKey> keys, DateOnly today, IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (!files.Exists(ExportIndex.SignaturePath))
        {
            return new(null, [$"{ExportIndex.SignaturePath} is missing: this is not a complete export."], 0, 0);
        }

        SignedDocument signed;
        ExportIndex? index;
        try
        {
            using var reader = new StreamReader(files.Open(ExportIndex.SignaturePath));
            signed = SignedDocument.Parse(await reader.ReadToEndAsync(cancellationToken));
            if (!signed.Verify(keys))
            {
                return new(null, [$"The signature does not verify with any of the given keys (it names {signed.Header.Kid})."], 0, 0);
            }

            index = JsonSerializer.Deserialize<ExportIndex>(signed.PayloadBytes(), JsonSerializerOptions.Web);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return new(null, [$"{ExportIndex.SignaturePath} is not a signed export index: {ex.Message}"], 0, 0);
        }

        if (index is null || index.Files.All(f => f.Path != ExportIndex.ManifestPath))
        {
            return new(index, ["The signed index does not name the manifest."], 0, 0);
        }

        foreach (var file in index.Files)
        {
            if (!ArchiveManifest.IsSafeRelativePath(file.Path) || !files.Exists(file.Path))
            {
                problems.Add($"{file.Path} is named by the signed index but missing.");
            }
            else if (await Sha256Async(files, file.Path, cancellationToken) != file.Sha256)
            {
                problems.Add($"{file.Path} does not match the digest the signed index states for it.");
            }
        }

        if (problems.Count > 0)
        {
            return new(index, problems, 0, 0) { SignedBy = signed.Header.Kid };
        }

        ArchiveManifest manifest;
        using (var reader = new StreamReader(files.Open(ExportIndex.ManifestPath)))
        {
            manifest = ArchiveManifest.Read(reader, files.Exists, today);
        }

        problems.AddRange(manifest.Problems.Select(p => $"{ExportIndex.ManifestPath} {p}"));
        var rows = manifest.Entries.SelectMany(e => e.Records).ToList();
        if (manifest.Entries.Count != index.Cases || rows.Count != index.Records)
        {
            problems.Add($"The manifest holds {manifest.Entries.Count} cases and {rows.Count} records; the signed index says {index.Cases} and {index.Records}.");
        }

        long bytes = 0;
        var checkedRows = 0;
        foreach (var row in rows)
        {
            if (row.Sha256 is null)
            {
                problems.Add($"{ExportIndex.ManifestPath} line {row.Line}: no sha256, so {row.File} is not covered by the signature.");
            }
            else if (await Sha256Async(files, row.File, cancellationToken) != row.Sha256)
            {
                problems.Add($"{row.File} (manifest line {row.Line}) does not match its SHA-256: it was changed after the export.");
            }

            bytes += files.Length(row.File);
            progress?.Report((++checkedRows, rows.Count));
        }

        var covered = rows.Select(r => r.File).Concat(index.Files.Select(f => f.Path)).Append(ExportIndex.SignaturePath).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(files.List().Where(f => !covered.Contains(f)).Order(StringComparer.Ordinal)
            .Select(f => $"{f} is not covered by the signature; an export holds nothing else."));
        return new(index, problems, checkedRows, bytes) { SignedBy = signed.Header.Kid };
    }

    private static async Task<string> Sha256Async(ArchiveFiles files, string path, CancellationToken cancellationToken)
    {
        await using var stream = files.Open(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}

/// <summary>The result of checking an export: its index once the signature verified, and every problem found (none: intact).</summary>
public sealed record ExportCheck(ExportIndex? Index, IReadOnlyList<string> Problems, int RecordsChecked, long BytesChecked)
{
    /// <summary>The key version that signed the index, once its signature verified.</summary>
    public string? SignedBy { get; init; }

    public bool Intact => Index is not null && Problems.Count == 0;
}
