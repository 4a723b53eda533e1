using System.Net;

namespace RecordsVault.Reliability;

/// <summary>A case served in 2015 and closed on 2016-01-01: its three years ran out in 2019, so a sweep makes it eligible.</summary>
internal static class Archived
{
    private const int Seed = 2015;
    private const int Size = 4096;

    public static string Sha256 { get; } = Content.Sha256(Size, Seed);

    public static async Task<(string CaseId, string RecordId)> CaseAsync(Vault vault, CancellationToken cancellationToken)
    {
        var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken, releaseDate: "2015-01-15");
        using var upload = await Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(Size, Seed)), "old.pdf", cancellationToken, developedAt: "2015-06-01");
        var recordId = await Vault.IdAsync(upload, HttpStatusCode.Created, cancellationToken);
        var (closed, _) = await Vault.PostAsync(vault.Cw, $"cases/{caseId}/close", new { servicePeriodEnd = "2016-01-01", reason = "Child turned 18" }, cancellationToken);
        return closed == HttpStatusCode.OK ? (caseId, recordId) : throw new InvalidOperationException($"closing the case answered {(int)closed}");
    }
}
