using System.Globalization;
using RecordsVault.Core.Records;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>How values read in a packet: invariant culture, ISO dates, so the text never depends on the host's locale.</summary>
internal static class PacketText
{
    public static string Ownership(Ownership ownership) => ownership switch
    {
        Core.Records.Ownership.OrrOwned => "ORR-owned",
        Core.Records.Ownership.Grantee => "Grantee",
        _ => throw new ArgumentOutOfRangeException(nameof(ownership), ownership, "Unknown ownership."),
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
