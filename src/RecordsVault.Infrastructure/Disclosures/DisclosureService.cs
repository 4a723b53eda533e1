using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Infrastructure.Disclosures;

/// <summary>ORR's requests for case files: each is answered by one packet, rendered once and stored.</summary>
public sealed class DisclosureService(
    VaultDbContext db, RecordTitles titles, PacketStore packets, IOptions<DisclosureOptions> options, TimeProvider clock)
{
    public async Task<DisclosureRequest> CreateAsync(
        IReadOnlyCollection<string> caseIds, string purpose, string? designee, string requestedBy, CancellationToken cancellationToken)
    {
        var ids = caseIds.Distinct(StringComparer.Ordinal).ToList();
        var contents = await PacketContents.LoadAsync(db, titles, ids, recordIds: null, cancellationToken);
        var missing = ids.Except(contents.Cases.Select(c => c.Id)).FirstOrDefault();
        if (missing is not null)
        {
            throw new NotFoundException($"Case {missing}");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var request = new DisclosureRequest
        {
            Id = Guid.CreateVersion7().ToString(),
            RequestedBy = requestedBy,
            Purpose = purpose,
            DesigneeSub = designee,
            DesigneeAccessUntil = designee is null ? null : now.AddDays(options.Value.DesigneeAccessDays),
            CreatedAt = now,
            CaseIds = contents.Cases.Select(c => c.Id).ToList(),
            Records = contents.Disclosed,
        };
        var document = new PacketDocument
        {
            PacketId = request.Id,
            Title = $"ORR disclosure {request.Id}",
            Author = "RecordsVault for the Office of Refugee Resettlement",
            Requester = requestedBy,
            Designee = designee,
            Purpose = purpose,
            RequestedAt = new DateTimeOffset(now, TimeSpan.Zero),
            CaseNumbers = contents.Cases.Select(c => c.CaseNumber).ToList(),
            Records = contents.PacketRecords,
            CustodyLines = [.. contents.CustodyLines, $"{now:yyyy-MM-dd HH:mm} UTC  Disclosure {request.Id} requested by {requestedBy}"],
        };
        request.Packet = await packets.RenderAndStoreAsync(document, contents.ById, cancellationToken);
        db.Disclosures.Add(request);

        // No discarding the packet on failure: the commit may have landed even so, and the packet is the evidence
        // of what was disclosed. If no row names it, the reconciler removes it after its grace period.
        await db.SaveChangesAsync(cancellationToken);

        return request;
    }

    public Task<DisclosureRequest?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Disclosures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    /// <summary>
    /// The newest requests that name <paramref name="subject"/> as their requester or designee, for the console's list;
    /// the disclosure handler still decides which of them the caller may see (a designee's access expires).
    /// </summary>
    public async Task<IReadOnlyList<DisclosureRequest>> NamingAsync(string subject, int skip, int take, CancellationToken cancellationToken) =>
        await db.Disclosures.AsNoTracking()
            .Where(d => d.RequestedBy == subject || d.DesigneeSub == subject)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip(skip)
            .Take(take)
            .ToListAsync(cancellationToken);
}
