using System.Globalization;
using System.Text;

namespace RecordsVault.Core.Audit;

/// <summary>A signed statement that the chain's event <see cref="Sequence"/> had <see cref="Hash"/> at <see cref="Time"/>; kept outside the database.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTime Time, string KeyId, string Signature)
{
    public const string Version = "recordsvault-audit-checkpoint-v1";

    /// <summary>What is signed: the UTF-8 of the version, sequence, hash and time, joined by '\n'.</summary>
    public static byte[] SignedBytes(long sequence, string hash, DateTime time) => Encoding.UTF8.GetBytes(string.Join(
        '\n', Version, sequence.ToString(CultureInfo.InvariantCulture), hash, time.ToString(AuditChain.TimeFormat, CultureInfo.InvariantCulture)));

    public byte[] SignedBytes() => SignedBytes(Sequence, Hash, Time);
}
