using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecordsVault.Core.Cases;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Infrastructure.Persistence;

/// <summary>What the start-up scrub changed.</summary>
public sealed record ScrubResult(int TitlesSealed, int TitlesDropped, int BirthDatesDropped)
{
    public bool Changed => TitlesSealed + TitlesDropped + BirthDatesDropped > 0;
}

/// <summary>
/// Brings data written by older versions up to today's rules, once, at start: record titles stored in clear are
/// sealed under their case keys (those of disposed cases are dropped, as their key is gone), and disposed cases
/// lose the child's date of birth. Then the database is compacted, so that the old bytes do not linger in its
/// free pages. With nothing left to convert it costs two indexed queries.
/// </summary>
public sealed partial class LegacyPlaintextScrubber(VaultDbContext db, RecordTitles titles, ILogger<LegacyPlaintextScrubber> logger)
{
    private const int BatchSize = 500;

    public async Task<ScrubResult> RunAsync(CancellationToken cancellationToken)
    {
        var birthDates = await db.Cases.Where(c => c.Lifecycle == CaseLifecycle.Disposed && c.ChildDateOfBirth != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ChildDateOfBirth, (DateOnly?)null), cancellationToken);
        int sealedCount = 0, dropped = 0;
        while (true)
        {
            var batch = await db.Records.IgnoreQueryFilters()
                .Where(r => EF.Property<string?>(r, VaultDbContext.PlaintextTitle) != null)
                .OrderBy(r => r.CaseId).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var caseIds = batch.Select(r => r.CaseId).Distinct().ToList();
            var destroyed = (await db.CaseKeys.Where(k => caseIds.Contains(k.CaseId) && k.WrappedKey == null)
                .Select(k => k.CaseId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            foreach (var record in batch)
            {
                var plaintext = db.Entry(record).Property<string?>(VaultDbContext.PlaintextTitle);
                if (destroyed.Contains(record.CaseId))
                {
                    dropped++; // disposed of: the title should have died with the key, and now does
                }
                else
                {
                    record.SealedTitle = await titles.SealAsync(record.CaseId, record.Id, plaintext.CurrentValue!, cancellationToken);
                    sealedCount++;
                }

                plaintext.CurrentValue = null;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var result = new ScrubResult(sealedCount, dropped, birthDates);
        if (result.Changed)
        {
            LogScrubbed(logger, sealedCount, dropped, birthDates);
            await CompactAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Rewrites the tables, so that overwritten values are not left behind in free space.</summary>
    private async Task CompactAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM FULL \"Records\", \"Cases\";", cancellationToken);
        }

        LogCompacted(logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy plaintext scrubbed: {TitlesSealed} record titles sealed under their case keys, {Dropped} titles of disposed cases dropped, {BirthDates} dates of birth of disposed cases dropped")]
    private static partial void LogScrubbed(ILogger logger, int titlesSealed, int dropped, int birthDates);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database compacted after the legacy plaintext scrub")]
    private static partial void LogCompacted(ILogger logger);
}
