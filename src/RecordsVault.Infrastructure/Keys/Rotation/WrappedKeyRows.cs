using Microsoft.EntityFrameworkCore;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Keys.Rotation;

/// <summary>
/// Every place a wrapped key is stored (case keys, and the packets of disclosures and releases), read in pages by id
/// and updated only if the row still holds the wrapped value that was read: a concurrent disposal (which clears
/// a case key) or a concurrent rewrap always wins, and is never undone.
/// </summary>
internal sealed class WrappedKeyRows(VaultDbContext db)
{
    public static readonly WrappedKind[] Kinds = Enum.GetValues<WrappedKind>();

    /// <summary>Up to <paramref name="take"/> rows of <paramref name="kind"/> not under <paramref name="current"/>, after id <paramref name="after"/>.</summary>
    public async Task<List<WrappedRow>> NotUnderAsync(WrappedKind kind, string current, string after, int take, CancellationToken cancellationToken) => kind switch
    {
        WrappedKind.CaseKey => await db.CaseKeys.AsNoTracking()
            .Where(k => k.WrappedKey != null && k.KekId != current && k.CaseId.CompareTo(after) > 0)
            .OrderBy(k => k.CaseId).Take(take)
            .Select(k => new WrappedRow(WrappedKind.CaseKey, k.CaseId, k.KekId, k.WrappedKey!)).ToListAsync(cancellationToken),
        WrappedKind.DisclosurePacket => await db.Disclosures.AsNoTracking()
            .Where(d => d.Packet != null && d.Packet.KekId != current && d.Id.CompareTo(after) > 0)
            .OrderBy(d => d.Id).Take(take)
            .Select(d => new WrappedRow(WrappedKind.DisclosurePacket, d.Id, d.Packet!.KekId, d.Packet.WrappedKey)).ToListAsync(cancellationToken),
        WrappedKind.ReleasePacket => await db.Releases.AsNoTracking()
            .Where(r => r.Packet != null && r.Packet.KekId != current && r.Id.CompareTo(after) > 0)
            .OrderBy(r => r.Id).Take(take)
            .Select(r => new WrappedRow(WrappedKind.ReleasePacket, r.Id, r.Packet!.KekId, r.Packet.WrappedKey)).ToListAsync(cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public async Task<long> CountNotUnderAsync(string current, CancellationToken cancellationToken) =>
        await db.CaseKeys.LongCountAsync(k => k.WrappedKey != null && k.KekId != current, cancellationToken)
        + await db.Disclosures.LongCountAsync(d => d.Packet != null && d.Packet.KekId != current, cancellationToken)
        + await db.Releases.LongCountAsync(r => r.Packet != null && r.Packet.KekId != current, cancellationToken);

    /// <summary>How many live wrapped keys each KEK version holds: case keys, and packets.</summary>
    public async Task<(Dictionary<string, long> CaseKeys, Dictionary<string, long> Packets)> CountByVersionAsync(CancellationToken cancellationToken)
    {
        var caseKeys = await db.CaseKeys.Where(k => k.WrappedKey != null).GroupBy(k => k.KekId)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var packets = new Dictionary<string, long>(StringComparer.Ordinal);
        var disclosures = await db.Disclosures.Where(d => d.Packet != null).Select(d => d.Packet!.KekId).GroupBy(k => k)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var releases = await db.Releases.Where(r => r.Packet != null).Select(r => r.Packet!.KekId).GroupBy(k => k)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        foreach (var group in disclosures.Concat(releases))
        {
            packets[group.Key] = packets.GetValueOrDefault(group.Key) + group.Count;
        }

        return (caseKeys, packets);
    }

    /// <summary>Stores <paramref name="rewrapped"/> if the row still holds what was read; false if something else changed it first.</summary>
    public async Task<bool> ReplaceAsync(WrappedRow row, WrappedKey rewrapped, CancellationToken cancellationToken)
    {
        var (kekId, value, id, old) = (rewrapped.KeyId, rewrapped.Value, row.Id, row.Wrapped);
        var updated = row.Kind switch
        {
            WrappedKind.CaseKey => await db.CaseKeys
                .Where(k => k.CaseId == id && k.WrappedKey == old)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.KekId, kekId).SetProperty(k => k.WrappedKey, value), cancellationToken),

            // Packets are owned columns of their request's row; plain SQL keeps the condition exact on both databases.
            WrappedKind.DisclosurePacket => await db.Database.ExecuteSqlAsync(
                $"""UPDATE "Disclosures" SET "Packet_KekId" = {kekId}, "Packet_WrappedKey" = {value} WHERE "Id" = {id} AND "Packet_WrappedKey" = {old}""",
                cancellationToken),
            WrappedKind.ReleasePacket => await db.Database.ExecuteSqlAsync(
                $"""UPDATE "Releases" SET "Packet_KekId" = {kekId}, "Packet_WrappedKey" = {value} WHERE "Id" = {id} AND "Packet_WrappedKey" = {old}""",
                cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(row)),
        };
        return updated == 1;
    }
}
