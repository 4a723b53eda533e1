using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RecordsVault.Core.Audit;

/// <summary>
/// The one definition of an event's canonical bytes and hash (SECURITY.md documents it for outside tools):
/// the UTF-8 of <see cref="Version"/> and the fields below, in this order, joined by '\n' with no trailing
/// newline; hash = SHA-256(previous hash as 32 bytes || canonical bytes).
/// </summary>
public sealed class AuditChain : IDisposable
{
    public const string Version = "recordsvault-audit-v1";

    /// <summary>Timestamps are written like 2026-11-22T15:08:56.123Z.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The previous hash of the first event: 32 zero bytes.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] scratch = new byte[1024];

    /// <summary>Whether a value can go into canonical bytes as is: no control characters, so '\n' only ever separates fields.</summary>
    public static bool IsCanonical(string value) => !value.AsSpan().ContainsAnyInRange('\0', '\u001f') && !value.Contains('\u007f', StringComparison.Ordinal);

    /// <summary>Makes a value canonical: control characters become U+FFFD.</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value) || IsCanonical(value))
        {
            return value ?? string.Empty;
        }

        return string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
    }

    /// <summary>Truncates to the millisecond, the precision kept in the database and in the canonical form.</summary>
    public static DateTime ToPrecision(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    /// <summary>Lowercase hex of the event's hash over <paramref name="previousHash"/> (hex).</summary>
    public static string ComputeHash(AuditEvent e, string previousHash)
    {
        using var chain = new AuditChain();
        Span<byte> previous = stackalloc byte[32];
        Span<byte> hash = stackalloc byte[32];
        if (!TryParseHash(previousHash, previous) || !chain.TryHash(e, previous, hash))
        {
            throw new ArgumentException("The event or the previous hash is not in canonical form.", nameof(e));
        }

        return Convert.ToHexStringLower(hash);
    }

    public static bool TryParseHash(string hex, Span<byte> bytes) =>
        hex.Length == 64 && Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;

    /// <summary>Hashes one event without allocating; false when a field breaks the canonical form.</summary>
    public bool TryHash(AuditEvent e, ReadOnlySpan<byte> previousHash, Span<byte> hash)
    {
        sha.AppendData(previousHash);
        var fields = 0;
        var ok = Append(Version, ref fields)
            && AppendFormatted(e.Sequence, ref fields)
            && AppendFormatted(e.OccurredAt, ref fields)
            && Append(e.ActorSub, ref fields)
            && Append(e.ActorOrg, ref fields)
            && Append(e.ActorRoles, ref fields)
            && Append(e.Action, ref fields)
            && Append(OutcomeName(e.Outcome), ref fields)
            && Append(e.CaseIds, ref fields)
            && Append(e.Organizations, ref fields)
            && Append(e.RecordId, ref fields)
            && Append(e.TargetId, ref fields)
            && Append(e.ClientAddress, ref fields)
            && Append(e.RequestId, ref fields);
        sha.GetHashAndReset(hash);
        return ok;
    }

    public void Dispose() => sha.Dispose();

    private static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => "Succeeded",
        AuditOutcome.Denied => "Denied",
        AuditOutcome.Failed => "Failed",
        _ => "?",
    };

    private bool Append(string value, ref int fields)
    {
        if (!IsCanonical(value))
        {
            return false;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length) + 1;
        if (scratch.Length < max)
        {
            scratch = new byte[Math.Max(max, scratch.Length * 2)];
        }

        var n = 0;
        if (fields++ > 0)
        {
            scratch[n++] = (byte)'\n';
        }

        n += Encoding.UTF8.GetBytes(value, scratch.AsSpan(n));
        sha.AppendData(scratch.AsSpan(0, n));
        return true;
    }

    private bool AppendFormatted<T>(T value, ref int fields)
        where T : IUtf8SpanFormattable
    {
        Span<byte> buffer = stackalloc byte[40];
        buffer[0] = (byte)'\n';
        var format = typeof(T) == typeof(DateTime) ? TimeFormat : null;
        if (!value.TryFormat(buffer[1..], out var written, format, CultureInfo.InvariantCulture))
        {
            return false;
        }

        sha.AppendData(fields++ > 0 ? buffer[..(written + 1)] : buffer[1..(written + 1)]);
        return true;
    }
}
