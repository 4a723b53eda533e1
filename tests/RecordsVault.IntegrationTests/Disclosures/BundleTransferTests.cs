using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.Disclosures;

/// <summary>How a disclosure bundle leaves the vault: audited first, and never a short ZIP that looks whole.</summary>
public sealed class BundleTransferTests
{
    [Fact]
    public async Task Bundle_is_on_the_audit_trail_before_its_body_is_read()
    {
        await using var factory = new VaultFactory();
        var (official, disclosureId, _) = await DisclosedCaseAsync(factory);

        // The packet alone is larger than what the server may write ahead of the reader, so the body cannot be
        // finished while nobody reads it: an event written at the end of the response would not exist yet.
        using var response = await official.GetAsync($"/disclosures/{disclosureId}/bundle", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await BundleEventsAsync(factory, disclosureId));
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(1, await BundleEventsAsync(factory, disclosureId)); // and once only
    }

    [Fact]
    public async Task Bundle_with_a_damaged_record_breaks_the_transfer_without_a_central_directory()
    {
        await using var factory = new VaultFactory();
        var (official, disclosureId, recordId) = await DisclosedCaseAsync(factory);
        using (var scope = factory.Services.CreateScope())
        {
            var blobName = (await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Records.SingleAsync(r => r.Id == recordId)).BlobName;
            await BlobTampering.FlipByteAsync(factory.Container, blobName, 100);
        }

        using var response = await official.GetAsync($"/disclosures/{disclosureId}/bundle", HttpCompletionOption.ResponseHeadersRead);
        var received = new MemoryStream();
        var broken = await Record.ExceptionAsync(() => response.Content.CopyToAsync(received));

        Assert.NotNull(broken);
        received.Position = 0;
        Assert.Throws<InvalidDataException>(() => new ZipArchive(received)); // no end of central directory: not a ZIP at all
        Assert.True(received.Length > 4 && received.GetBuffer()[0] == 'P' && received.GetBuffer()[1] == 'K', "the packet entry had started");
        Assert.Contains("Integrity error: bundle", await File.ReadAllTextAsync(factory.LogPath), StringComparison.Ordinal);
    }

    /// <summary>A case with one text note, disclosed by an ORR official; answers the official's client, the disclosure and the record.</summary>
    private static async Task<(HttpClient Official, string DisclosureId, string RecordId)> DisclosedCaseAsync(VaultFactory factory)
    {
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var official = factory.ClientFor("orr", "orr-official", "Vault.OrrOfficial");
        var caseId = (await ApiCalls.CreateCaseAsync(cw)).Id();
        var recordId = (await ApiCalls.UploadAsync(cw, caseId, System.Text.Encoding.UTF8.GetBytes(new string('x', 5000)))).Id();
        var disclosureId = (await ApiCalls.PostJsonAsync(official, "/disclosures", new { caseIds = new[] { caseId }, purpose = "Review" }, HttpStatusCode.Created)).Id();
        return (official, disclosureId, recordId);
    }

    private static async Task<int> BundleEventsAsync(VaultFactory factory, string disclosureId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditEvents
            .CountAsync(e => e.Action == "disclosure.bundle" && e.TargetId == disclosureId);
    }
}
