using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Api.Transfers;

/// <summary>
/// <c>Vault:Transfers</c>: how many requests may move record content at once (uploads, downloads, packets, bundles,
/// archive imports and exports). Each holds about 10-40 MiB of buffers while it runs (the storage SDK's 4 MiB encryption
/// region and blocks), so this bounds the API's memory however many clients come; the others wait their turn.
/// </summary>
public sealed class TransferOptions
{
    public const string Section = "Vault:Transfers";

    /// <summary>Transfers running at once. Default 8.</summary>
    [Range(1, 1024)]
    public int MaxConcurrent { get; set; } = 8;

    /// <summary>Transfers waiting for a turn, oldest first; past this a request answers 503 with Retry-After. Default 1000.</summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = 1000;
}
