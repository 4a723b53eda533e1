using System.Globalization;
using System.Text;

namespace RecordsVault.Core.Audit;

/// <summary>
/// A signed statement that the chain <see cref="ChainId"/>'s event <see cref="Sequence"/> had <see cref="Hash"/> at
/// <see cref="Time"/>; kept outside the database. <see cref="KeyId"/> names the signing key and its version.
/// Checkpoints from before chain ids existed have none and were signed without one (<see cref="Version1"/>).
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTime Time, string KeyId, string Signature, string? ChainId = null)
{
    public const string Version1 = "recordsvault-audit-checkpoint-v1";
    public const string Version2 = "recordsvault-audit-checkpoint-v2";

    /// <summary>What v1 signed: the UTF-8 of the version, sequence, hash and time, joined by '\n'.</summary>
    public static byte[] SignedBytes(long sequence, string hash, DateTime time) => Encoding.UTF8.GetBytes(string.Join(
        '\n', Version1, sequence.ToString(CultureInfo.InvariantCulture), hash, time.ToString(AuditChain.TimeFormat, CultureInfo.InvariantCulture)));

    /// <summary>What v2 signs: as v1 with the chain id after the version, so a checkpoint vouches for one chain only.</summary>
    public static byte[] SignedBytes(string chainId, long sequence, string hash, DateTime time) => Encoding.UTF8.GetBytes(string.Join(
        '\n', Version2, chainId, sequence.ToString(CultureInfo.InvariantCulture), hash, time.ToString(AuditChain.TimeFormat, CultureInfo.InvariantCulture)));

    public byte[] SignedBytes() => ChainId is null ? SignedBytes(Sequence, Hash, Time) : SignedBytes(ChainId, Sequence, Hash, Time);
}
