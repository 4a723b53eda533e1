using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Records;

/// <summary>
/// Seals and reveals record titles under their case keys. Each case key is unwrapped at most once per scope (a
/// request), and only the derived title key is kept until the scope ends.
/// </summary>
public sealed class RecordTitles(VaultDbContext db, CaseKeys keys) : IDisposable
{
    private readonly Dictionary<string, TitleCipher?> ciphers = new(StringComparer.Ordinal);

    public async Task<byte[]> SealAsync(string caseId, string recordId, string title, CancellationToken cancellationToken) =>
        (await CipherAsync(caseId, cancellationToken) ?? throw new GoneException("The case key was destroyed."))
        .Seal(recordId, title);

    /// <summary>Sets each record's title from its sealed title; null once the case key is destroyed (a disposed case).</summary>
    public async Task RevealAsync(IEnumerable<Record> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            record.Title = record.SealedTitle is { } sealedTitle && await CipherAsync(record.CaseId, cancellationToken) is { } cipher
                ? cipher.Open(record.Id, sealedTitle)
                : null;
        }
    }

    public void Dispose()
    {
        foreach (var cipher in ciphers.Values)
        {
            cipher?.Dispose();
        }

        ciphers.Clear();
    }

    /// <summary>The case's title cipher, or null when its key was destroyed.</summary>
    private async Task<TitleCipher?> CipherAsync(string caseId, CancellationToken cancellationToken)
    {
        if (!ciphers.TryGetValue(caseId, out var cipher))
        {
            var key = await db.CaseKeys.AsNoTracking().FirstOrDefaultAsync(k => k.CaseId == caseId, cancellationToken)
                ?? throw new NotFoundException("The case key");
            cipher = key.WrappedKey is null ? null : await keys.OpenTitlesAsync(key, cancellationToken);
            ciphers[caseId] = cipher;
        }

        return cipher;
    }
}
