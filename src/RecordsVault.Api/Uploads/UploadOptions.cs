using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Api.Uploads;

/// <summary><c>Vault:Uploads</c>: how large a record may be.</summary>
public sealed class UploadOptions
{
    public const string Section = "Vault:Uploads";

    /// <summary>Largest file accepted, in bytes; larger uploads answer 413. Default 256 MiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;
}
