using System.Net;
using System.Text;
using Azure.Storage.Blobs;
using RecordsVault.Tests;
using UglyToad.PdfPig;

namespace RecordsVault.IntegrationTests.Disclosures;

/// <summary>Releases to third parties: ORR-owned records wait for ORR's approval, grantee records do not.</summary>
public sealed class ReleaseApiTests
{
    [Fact]
    public async Task Release_of_grantee_records_is_available_at_once()
    {
        await using var factory = new VaultFactory();
        var (rm, caseId) = await SetUpAsync(factory);
        var grantee = (await ApiCalls.UploadAsync(rm, caseId, Encoding.UTF8.GetBytes("Plan de servicio"), developedAt: "2025-02-01")).Id();

        var release = await ApiCalls.PostJsonAsync(rm, "/releases", new { recordIds = new[] { grantee }, recipient = "School district", purpose = "Enrollment" }, HttpStatusCode.Created);

        Assert.Equal("Available", release.GetProperty("status").GetString());
        var packet = await rm.GetAsync($"/releases/{release.Id()}/packet");
        Assert.Equal(HttpStatusCode.OK, packet.StatusCode);
        using var pdf = PdfDocument.Open(await packet.Content.ReadAsByteArrayAsync());
        Assert.Contains($"release {release.Id()}", pdf.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_with_an_OrrOwned_record_waits_for_ORR_approval()
    {
        await using var factory = new VaultFactory();
        var (rm, caseId) = await SetUpAsync(factory);
        var orrOwned = (await ApiCalls.UploadAsync(rm, caseId, Encoding.UTF8.GetBytes("Shelter file"), developedAt: "2024-12-01")).Id();
        var grantee = (await ApiCalls.UploadAsync(rm, caseId, Encoding.UTF8.GetBytes("Home visit"), developedAt: "2025-02-01")).Id();
        var orr = factory.ClientFor("orr", "orr-official", "Vault.OrrOfficial");

        var release = await ApiCalls.PostJsonAsync(rm, "/releases", new { recordIds = new[] { orrOwned, grantee }, recipient = "Legal aid", purpose = "Representation" }, HttpStatusCode.Created);

        Assert.Equal("PendingOrrApproval", release.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await rm.GetAsync($"/releases/{release.Id()}/packet")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rm.PostAsync($"/releases/{release.Id()}/approve", null)).StatusCode);

        var approved = await ApiCalls.PostJsonAsync(orr, $"/releases/{release.Id()}/approve", null, HttpStatusCode.OK);

        Assert.Equal("Available", approved.GetProperty("status").GetString());
        Assert.Equal("orr-official", approved.GetProperty("approvedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, (await rm.GetAsync($"/releases/{release.Id()}/packet")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await orr.GetAsync($"/releases/{release.Id()}/packet")).StatusCode);
        await ApiCalls.PostJsonAsync(orr, $"/releases/{release.Id()}/approve", null, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Another_organizations_records_and_releases_answer_404()
    {
        await using var factory = new VaultFactory();
        var (rm, caseId) = await SetUpAsync(factory);
        var record = (await ApiCalls.UploadAsync(rm, caseId, Encoding.UTF8.GetBytes("x"))).Id();
        var release = (await ApiCalls.PostJsonAsync(rm, "/releases", new { recordIds = new[] { record }, recipient = "R", purpose = "P" }, HttpStatusCode.Created)).Id();
        var other = factory.ClientFor("prov-b", "rm-b", "Vault.RecordsManager");

        await ApiCalls.PostJsonAsync(other, "/releases", new { recordIds = new[] { record }, recipient = "R", purpose = "P" }, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/releases/{release}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/releases/{release}/packet")).StatusCode);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Two_approvals_racing_let_one_win_and_the_other_answer_409_having_rendered_nothing(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var (rm, caseId) = await SetUpAsync(factory);
        var orrOwned = (await ApiCalls.UploadAsync(rm, caseId, Encoding.UTF8.GetBytes("Shelter file"), developedAt: "2024-12-01")).Id();
        var first = factory.ClientFor("orr", "orr-one", "Vault.OrrOfficial");
        var second = factory.ClientFor("orr", "orr-two", "Vault.OrrOfficial");
        for (var round = 0; round < 5; round++)
        {
            var release = (await ApiCalls.PostJsonAsync(rm, "/releases", new { recordIds = new[] { orrOwned }, recipient = "Legal aid", purpose = "Round " + round }, HttpStatusCode.Created)).Id();
            var blobsBefore = await BlobCountAsync(factory);

            var answers = await Task.WhenAll(first.PostAsync($"/releases/{release}/approve", null), second.PostAsync($"/releases/{release}/approve", null));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            Assert.Equal(blobsBefore + 1, await BlobCountAsync(factory)); // one packet, from the winner
            var winner = answers[0].StatusCode == HttpStatusCode.OK ? "orr-one" : "orr-two";
            var stored = await ApiCalls.ExpectJsonAsync(await rm.GetAsync($"/releases/{release}"), HttpStatusCode.OK);
            Assert.Equal((winner, "Available"), (stored.GetProperty("approvedBy").GetString(), stored.GetProperty("status").GetString()));
            Assert.Equal(HttpStatusCode.OK, (await rm.GetAsync($"/releases/{release}/packet")).StatusCode);
        }
    }

    private static async Task<int> BlobCountAsync(VaultFactory factory)
    {
        var count = 0;
        await foreach (var _ in new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(factory.Container).GetBlobsAsync())
        {
            count++;
        }

        return count;
    }

    private static async Task<(HttpClient Rm, string CaseId)> SetUpAsync(VaultFactory factory)
    {
        var rm = factory.ClientFor("prov-a", "rm", "Vault.RecordsManager");
        return (rm, (await ApiCalls.CreateCaseAsync(rm)).Id()); // released from ORR custody on 2025-01-15
    }
}
