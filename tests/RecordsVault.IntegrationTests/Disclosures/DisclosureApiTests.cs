using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.IntegrationTests.Packets;
using RecordsVault.Tests;
using UglyToad.PdfPig;

namespace RecordsVault.IntegrationTests.Disclosures;

/// <summary>Disclosure packets over HTTP, read back as a recipient would: PdfPig, qpdf and a ZIP reader.</summary>
public sealed class DisclosureApiTests(DisclosureApiTests.Fixture fixture) : IClassFixture<DisclosureApiTests.Fixture>
{
    private static readonly string[] Paths = ["", "/packet", "/bundle"];

    [Fact]
    public async Task Packet_holds_the_request_id_every_digest_the_spanish_text_and_page_numbers()
    {
        var response = await fixture.Official.GetAsync($"/disclosures/{fixture.DisclosureId}/packet");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains(fixture.DisclosureId, text, StringComparison.Ordinal);
        Assert.Contains("niño", text, StringComparison.Ordinal);
        Assert.Contains("Page 1", text, StringComparison.Ordinal);
        Assert.Matches(@"End of packet \S+: \d+ pages\.", text);
        Assert.Contains(PacketSamples.StoredPdfSecondPage, text, StringComparison.Ordinal);
        foreach (var sha in fixture.RecordDigests)
        {
            Assert.Contains(sha, text.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        var file = Path.Combine(TestEnvironment.NewDataPath(), "packet.pdf");
        await File.WriteAllBytesAsync(file, bytes);
        var (exit, output) = await ExternalTool.RunAsync("qpdf", "qpdf", "--check", file);
        Assert.True(exit == 0, output);
        var (_, extracted) = await ExternalTool.RunAsync("pdftotext", "poppler-utils", file, "-");
        Assert.Contains("niño", extracted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_fetches_are_byte_identical_and_match_the_digest_header()
    {
        var first = await fixture.Official.GetAsync($"/disclosures/{fixture.DisclosureId}/packet");
        var second = await fixture.Designee("des-1").GetAsync($"/disclosures/{fixture.DisclosureId}/packet");
        var a = await first.Content.ReadAsByteArrayAsync();
        var b = await second.Content.ReadAsByteArrayAsync();

        Assert.Equal(a, b);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(a)), first.Headers.GetValues("X-Packet-SHA256").Single());
        Assert.Equal(first.Headers.GetValues("X-Packet-SHA256"), second.Headers.GetValues("X-Packet-SHA256"));
    }

    [Theory]
    [InlineData("requester", HttpStatusCode.OK)]
    [InlineData("designee", HttpStatusCode.OK)]
    [InlineData("other-designee", HttpStatusCode.NotFound)]
    [InlineData("other-official", HttpStatusCode.NotFound)]
    [InlineData("designee-as-official", HttpStatusCode.NotFound)]
    // Roles with no disclosure grant are refused by the route, before any lookup: 403 says nothing about the id.
    [InlineData("provider", HttpStatusCode.Forbidden)]
    [InlineData("auditor", HttpStatusCode.Forbidden)]
    public async Task Only_the_requester_and_the_named_designee_see_the_request(string who, HttpStatusCode expected)
    {
        var client = who switch
        {
            "requester" => fixture.Official,
            "designee" => fixture.Designee("des-1"),
            "other-designee" => fixture.Designee("des-2"),
            "other-official" => fixture.Factory.ClientFor("orr", "someone-else", "Vault.OrrOfficial"),
            "designee-as-official" => fixture.Factory.ClientFor("orr", "des-1", "Vault.OrrOfficial"),
            "provider" => fixture.Factory.ClientFor("prov-a", "rm", "Vault.RecordsManager"),
            _ => fixture.Factory.ClientFor("orr", "aud", "Vault.Auditor"),
        };

        foreach (var path in Paths)
        {
            var response = await client.GetAsync($"/disclosures/{fixture.DisclosureId}{path}");
            Assert.True(expected == response.StatusCode, $"{who} {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Designee_access_ends_when_its_period_is_over()
    {
        var id = (await ApiCalls.PostJsonAsync(fixture.Official, "/disclosures",
            new { caseIds = new[] { fixture.CaseId }, purpose = "Expiry check", designee = "des-3" }, HttpStatusCode.Created)).Id();
        Assert.Equal(HttpStatusCode.OK, (await fixture.Designee("des-3").GetAsync($"/disclosures/{id}")).StatusCode);

        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            var request = await db.Disclosures.SingleAsync(d => d.Id == id);
            request.DesigneeAccessUntil = DateTime.UtcNow.AddSeconds(-1); // as if the 30 days had passed
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Designee("des-3").GetAsync($"/disclosures/{id}/packet")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Official.GetAsync($"/disclosures/{id}/packet")).StatusCode);
    }

    [Fact]
    public async Task Bundle_holds_the_packet_the_originals_and_a_manifest_of_their_digests()
    {
        var packetSha = (await fixture.Official.GetAsync($"/disclosures/{fixture.DisclosureId}/packet")).Headers.GetValues("X-Packet-SHA256").Single();
        var response = await fixture.Designee("des-1").GetAsync($"/disclosures/{fixture.DisclosureId}/bundle");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var manifest = JsonDocument.Parse(await new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEndAsync()).RootElement;
        var files = manifest.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(packetSha, files.Single(f => f.GetProperty("path").GetString() == "packet.pdf").GetProperty("sha256").GetString());
        foreach (var file in files)
        {
            await using var entry = zip.GetEntry(file.GetProperty("path").GetString()!)!.Open();
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(await SHA256.HashDataAsync(entry)));
        }

        Assert.Equal(fixture.RecordDigests.Order(), files.Skip(1).Select(f => f.GetProperty("sha256").GetString()!).Order());
    }

    [Fact]
    public async Task Disclosure_of_a_missing_case_answers_404_and_bad_input_400()
    {
        await ApiCalls.PostJsonAsync(fixture.Official, "/disclosures", new { caseIds = (string[])["nope"], purpose = "x" }, HttpStatusCode.NotFound);
        await ApiCalls.PostJsonAsync(fixture.Official, "/disclosures", new { caseIds = Array.Empty<string>(), purpose = "x" }, HttpStatusCode.BadRequest);
        await ApiCalls.PostJsonAsync(fixture.Official, "/disclosures", new { caseIds = new[] { fixture.CaseId } }, HttpStatusCode.BadRequest);
        var provider = fixture.Factory.ClientFor("prov-a", "rm", "Vault.RecordsManager");
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.PostAsJsonAsync("/disclosures", new { caseIds = new[] { fixture.CaseId }, purpose = "x" })).StatusCode);
    }

    /// <summary>A prov-a case with a Spanish text note, a PNG and a two-page PDF, disclosed to designee des-1.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public VaultFactory Factory { get; } = new();

        public string CaseId { get; private set; } = string.Empty;

        public string DisclosureId { get; private set; } = string.Empty;

        public List<string> RecordDigests { get; } = [];

        public HttpClient Official => Factory.ClientFor("orr", "orr-official", "Vault.OrrOfficial");

        public HttpClient Designee(string sub) => Factory.ClientFor("counsel-llp", sub, "Vault.OrrDesignee");

        public async Task InitializeAsync()
        {
            var cw = Factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
            CaseId = (await ApiCalls.CreateCaseAsync(cw)).Id();
            foreach (var (bytes, type, name) in new[]
            {
                (PacketSamples.Text(PacketSamples.SpanishNote), "text/plain", "nota.txt"),
                (PacketSamples.Png(), "image/png", "foto.png"),
                (PacketSamples.Pdf(PacketSamples.StoredPdfFirstPage, PacketSamples.StoredPdfSecondPage), "application/pdf", "estudio.pdf"),
            })
            {
                RecordDigests.Add((await ApiCalls.UploadAsync(cw, CaseId, bytes, type, name)).GetProperty("sha256").GetString()!);
            }

            DisclosureId = (await ApiCalls.PostJsonAsync(Official, "/disclosures",
                new { caseIds = new[] { CaseId }, purpose = "Safety review", designee = "des-1" }, HttpStatusCode.Created)).Id();
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
