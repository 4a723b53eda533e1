using Azure.Storage.Blobs;

namespace RecordsVault.Bench;

/// <summary>What every benchmark shares: the running vault, the same Azurite it uses, and the run's size.</summary>
internal sealed class BenchContext(
    VaultApi vault, BlobContainerClient baseline, int apiProcessId, bool quick, IReadOnlySet<string> apiPaths, BenchTargets targets)
{
    public VaultApi Vault { get; } = vault;

    /// <summary>A container of its own in the vault's Azurite, written by a plain <see cref="BlobClient"/>.</summary>
    public BlobContainerClient Baseline { get; } = baseline;

    public int ApiProcessId { get; } = apiProcessId;

    public bool Quick { get; } = quick;

    /// <summary>The databases of row 6 and the API of row 7, as far as bench.sh set them up.</summary>
    public BenchTargets Targets { get; } = targets;

    /// <summary>The file sizes of rows 1 and 2.</summary>
    public IReadOnlyList<int> SizesMiB { get; } = quick ? [1, 10] : [1, 10, 100];

    /// <summary>How many timed A/B pairs each comparison runs, after one untimed warm-up pair.</summary>
    public int Pairs { get; } = 5;

    /// <summary>True when the API's OpenAPI document has this path: how a row finds out whether its feature has landed.</summary>
    public bool HasRoute(string path) => apiPaths.Contains(path);
}
