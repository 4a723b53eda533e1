using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Infrastructure.Disclosures;

/// <summary>The records a packet carries, in order, with the facts its closing page reports.</summary>
public sealed record PacketContents(
    IReadOnlyList<Case> Cases, IReadOnlyList<Record> Records, IReadOnlyList<PacketRecord> PacketRecords, IReadOnlyList<string> CustodyLines)
{
    public IReadOnlyDictionary<string, Record> ById => Records.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public List<DisclosedRecord> Disclosed => Records.Select(r => new DisclosedRecord(r.Id, r.CaseId, r.Sha256)).ToList();

    /// <summary>
    /// Loads the records, and the custody lines: the audit trail's events about the cases and records in the
    /// packet, or, for cases the trail has never seen (older data), what the database knows of each case and record.
    /// </summary>
    public static async Task<PacketContents> LoadAsync(
        VaultDbContext db, RecordTitles titles, IReadOnlyCollection<string> caseIds, IReadOnlyCollection<string>? recordIds,
        CancellationToken cancellationToken)
    {
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).OrderBy(c => c.CaseNumber).ToListAsync(cancellationToken);
        if (cases.Any(c => c.Lifecycle == CaseLifecycle.Disposed))
        {
            throw new ConflictException("A disposed case has no content left to disclose.");
        }

        var query = db.Records.AsNoTracking().Where(r => caseIds.Contains(r.CaseId));
        if (recordIds is not null)
        {
            query = query.Where(r => recordIds.Contains(r.Id));
        }

        var records = (await query.ToListAsync(cancellationToken))
            .OrderBy(r => cases.FindIndex(c => c.Id == r.CaseId)).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        await titles.RevealAsync(records, cancellationToken);
        var numbers = cases.ToDictionary(c => c.Id, c => c.CaseNumber);
        var packetRecords = records.Select(r => new PacketRecord(
            r.Id, numbers[r.CaseId], r.Title ?? "(title unavailable)", r.Kind, r.Ownership, r.DevelopedAt, r.Size, r.Sha256, r.ContentType)).ToList();
        var scope = new CustodyScope(
            cases.Select(c => new CustodyCase(c.Id, c.CaseNumber, c.OrganizationId)).ToList(),
            records.ToDictionary(r => r.Id, r => r.CaseId, StringComparer.Ordinal),
            wholeCases: recordIds is null);
        var custody = await AuditCustodyAsync(db, scope, cancellationToken);
        return new PacketContents(cases, records, packetRecords, custody.Count > 0 ? custody : Custody(cases, records));
    }

    /// <summary>
    /// The audit trail's events about the packet (see <see cref="CustodyScope"/>), oldest first, capped so a
    /// busy case cannot swell the packet. One query for all the cases, through indexes only: the events linked to the
    /// packet's cases (the event-to-case rows that <c>GET /audit</c> reads too), and those naming one of its records,
    /// however many events the trail holds. Ids are matched whole, never as parts of longer ids.
    /// </summary>
    private static async Task<List<string>> AuditCustodyAsync(VaultDbContext db, CustodyScope scope, CancellationToken cancellationToken)
    {
        const int MaxLines = 500;
        var caseIds = scope.Cases.Select(c => c.Id).ToList();
        var recordIds = scope.RecordCases.Keys.ToList();
        var wholeCases = scope.WholeCases;
        var linked = db.AuditEventCases.Where(l => caseIds.Contains(l.CaseId)).Select(l => l.Sequence);
        var found = await db.AuditEvents.AsNoTracking()
            .Where(e => recordIds.Contains(e.RecordId)
                || (linked.Contains(e.Sequence) && (wholeCases || e.RecordId == string.Empty)))
            .OrderByDescending(e => e.Sequence).Take(MaxLines).ToListAsync(cancellationToken);

        return found.OrderBy(e => e.Sequence).Select(scope.Line).OfType<string>().ToList();
    }

    private static List<string> Custody(List<Case> cases, List<Record> records)
    {
        var lines = new List<(DateTime At, string Line)>();
        foreach (var c in cases)
        {
            lines.Add((c.CreatedAt, $"Case {c.CaseNumber} opened in the vault by {c.CreatedBy} ({c.OrganizationId})"));
            if (c.ServicePeriodEnd is { } end)
            {
                lines.Add((end.ToDateTime(TimeOnly.MaxValue), $"Case {c.CaseNumber} closed: services ended {end:yyyy-MM-dd}; retained until {c.RetainUntil:yyyy-MM-dd}"));
            }
        }

        foreach (var r in records)
        {
            lines.Add((r.UploadedAt, $"Record {r.Id} stored by {r.UploadedBy}, SHA-256 {r.Sha256}"));
        }

        return lines.OrderBy(l => l.At).Select(l => $"{l.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}  {l.Line}").ToList();
    }
}
