using RecordsVault.Core.Disclosures;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>Writes a disclosure packet as a PDF; behind an interface so another PDF library can replace the implementation.</summary>
public interface IPacketRenderer
{
    /// <summary>
    /// Renders <paramref name="packet"/> to <paramref name="output"/>. <paramref name="openContent"/> returns a fresh
    /// plaintext stream of a record each time it is called; a renderer may call it more than once per record.
    /// </summary>
    Task RenderAsync(
        PacketDocument packet,
        Func<PacketRecord, CancellationToken, Task<Stream>> openContent,
        Stream output,
        CancellationToken cancellationToken);
}
