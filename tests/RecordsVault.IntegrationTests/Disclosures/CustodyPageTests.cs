using System.Net;
using RecordsVault.Tests;
using UglyToad.PdfPig;

namespace RecordsVault.IntegrationTests.Disclosures;

/// <summary>A packet's custody page tells the history of what it discloses, and nothing of other organizations.</summary>
public sealed class CustodyPageTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Custody_page_lists_the_disclosed_cases_events_and_names_no_other_organizations_case_or_user(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var ana = factory.ClientFor("prov-a", "ana-prova", "Vault.Caseworker");
        var bea = factory.ClientFor("prov-b", "bea-provb", "Vault.Caseworker");
        var orr = factory.ClientFor("orr", "olivia-orr", "Vault.OrrOfficial");
        var ours = await ApiCalls.CreateCaseAsync(ana, caseNumber: "A-" + Guid.NewGuid().ToString("N")[..8]);
        var theirs = await ApiCalls.CreateCaseAsync(bea, caseNumber: "B-" + Guid.NewGuid().ToString("N")[..8]);
        await ApiCalls.UploadAsync(ana, ours.Id(), "Home visit"u8.ToArray());
        await ApiCalls.UploadAsync(bea, theirs.Id(), "Their home visit"u8.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await bea.GetAsync($"/cases/{ours.Id()}")).StatusCode); // refused, yet an event on our case
        await ApiCalls.PostJsonAsync(orr, "/holds", new { matter = "Review", reason = "Both", caseIds = new[] { ours.Id(), theirs.Id() } }, HttpStatusCode.Created);

        var disclosure = await ApiCalls.PostJsonAsync(orr, "/disclosures", new { caseIds = new[] { ours.Id() }, purpose = "Safety review" }, HttpStatusCode.Created);
        var packet = await orr.GetAsync($"/disclosures/{disclosure.Id()}/packet");
        using var pdf = PdfDocument.Open(await packet.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

        var number = ours.GetProperty("caseNumber").GetString()!;
        Assert.Contains($"record.upload on case {number}", text, StringComparison.Ordinal);
        Assert.Contains("by ana-prova (prov-a)", text, StringComparison.Ordinal);
        Assert.Contains($"hold.create on case {number} by olivia-orr (orr)", text, StringComparison.Ordinal);
        Assert.Contains($"case.read on case {number} by a user of another organization: Denied", text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.GetProperty("caseNumber").GetString()!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("bea-provb", text, StringComparison.Ordinal);
        Assert.DoesNotContain("prov-b", text, StringComparison.Ordinal);
    }
}
