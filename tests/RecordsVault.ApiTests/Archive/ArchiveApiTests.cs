using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RecordsVault.Core.Archive;
using RecordsVault.Core.Signing;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests.Archive;

/// <summary>
/// <c>POST /archive</c> for a records manager and <c>POST /handovers</c>, <c>POST /handovers/export</c> for an ORR
/// official: the same import and handover as the commands, over HTTP with the files streamed as parts.
/// </summary>
public sealed class ArchiveApiTests : IDisposable
{
    private static readonly string Samples = Path.Combine(RepositoryRoot.Path, "samples", "archive");
    private readonly string work = Directory.CreateTempSubdirectory("archive-api-").FullName;

    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_sample_goes_in_over_http_a_missing_file_leaves_its_case_open_and_a_second_request_finishes_it(string provider)
    {
        await using var vault = new VaultFactory(provider);
        var manager = vault.ClientFor("prov-a", "rm-1", "Vault.RecordsManager");
        var all = SampleFiles();

        var refused = await manager.PostAsync("/archive", Form(all));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("send confirmPastRetention=true", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await CasesAsync(manager));

        var withoutVisit = all.Where(f => !f.EndsWith("visit.json", StringComparison.Ordinal)).ToList();
        var first = await ReadAsync(await manager.PostAsync("/archive?confirmPastRetention=true", Form(withoutVisit)));
        Assert.Equal(4, first.GetProperty("receipt").GetProperty("rowsStored").GetInt32());
        Assert.Contains(first.GetProperty("receipt").GetProperty("failures").EnumerateArray(),
            f => f.GetString()!.Contains("case A-1001 was not finished: not sent: files/A-1001/visit.json", StringComparison.Ordinal));
        Assert.Equal("Open", (await CasesAsync(manager))["A-1001"].Lifecycle());

        var second = await ReadAsync(await manager.PostAsync("/archive?confirmPastRetention=true", Form(all)));

        var receipt = second.GetProperty("receipt");
        Assert.Equal((1, 4), (receipt.GetProperty("rowsStored").GetInt32(), receipt.GetProperty("rowsAlreadyIn").GetInt32()));
        Assert.Empty(receipt.GetProperty("failures").EnumerateArray());
        var cases = await CasesAsync(manager);
        Assert.All(cases.Values, c => Assert.Equal("Retained", c.Lifecycle()));
        var records = await manager.GetFromJsonAsync<JsonElement>($"/cases/{cases["A-1001"].Id()}/records");
        Assert.Equal(3, records.GetArrayLength());
        var signed = second.GetProperty("signedReceipt").Deserialize<SignedDocument>()!;
        var keys = PublishedKeys.Read(await File.ReadAllTextAsync(await CommandRun.PublishKeysAsync(vault, work)));
        Assert.True(signed.Verify(keys));
    }

    [Fact]
    public async Task A_manifest_with_problems_answers_400_with_each_line_and_stores_nothing()
    {
        await using var vault = new VaultFactory();
        var manager = vault.ClientFor("prov-a", "rm-1", "Vault.RecordsManager");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await File.ReadAllTextAsync(Path.Combine(Samples, "broken", "manifest.csv"))), "manifest", "manifest.csv" },
            { new ByteArrayContent("x"u8.ToArray()), "file", "intake.txt" },
        };

        var response = await manager.PostAsync("/archive?confirmPastRetention=true", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("manifest")
            .EnumerateArray().Select(e => e.GetString()!.Split(':')[0]).Distinct().ToList();
        Assert.Equal(["line 2", "line 3", "line 4", "line 5", "line 8"], lines);
        Assert.Empty(await CasesAsync(manager));
    }

    [Fact]
    public async Task A_file_that_does_not_match_its_stated_sha256_is_not_kept()
    {
        await using var vault = new VaultFactory();
        var manager = vault.ClientFor("prov-a", "rm-1", "Vault.RecordsManager");
        var manifest = "caseNumber,state,releaseDate,childDateOfBirth,prsType,prsLevel,servicePeriodEnd,closureReason,title,kind,developedAt,file,sha256\n"
            + $"S-1,TX,2025-01-15,2010-06-01,Tvpra,1,,,Intake,intake,2025-01-20,intake.txt,{new string('0', 64)}\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(manifest), "manifest", "manifest.csv" },
            { new ByteArrayContent("Intake note."u8.ToArray()) { Headers = { ContentType = new("text/plain") } }, "file", "intake.txt" },
        };

        var result = await ReadAsync(await manager.PostAsync("/archive", form));

        Assert.Contains("does not match the SHA-256 the manifest states", result.GetProperty("receipt").GetProperty("failures")[0].GetString(), StringComparison.Ordinal);
        var created = (await CasesAsync(manager))["S-1"];
        Assert.Equal(0, (await manager.GetFromJsonAsync<JsonElement>($"/cases/{created.Id()}/records")).GetArrayLength());
    }

    [Fact]
    public async Task An_orr_official_transfers_and_exports_over_http_and_a_provider_may_do_neither()
    {
        await using var vault = new VaultFactory();
        var manager = vault.ClientFor("prov-a", "rm-1", "Vault.RecordsManager");
        await ReadAsync(await manager.PostAsync("/archive?confirmPastRetention=true", Form(SampleFiles())));
        var held = (await CasesAsync(manager))["A-1003"];
        await ApiCalls.PostJsonAsync(manager, "/holds", new { matter = "Roe v. Agency", reason = "Preservation letter", caseIds = new[] { held.Id() } }, HttpStatusCode.Created);
        var orr = vault.ClientFor("orr", "orr-1", "Vault.OrrOfficial");

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/handovers", new { from = "prov-a", to = "prov-c" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await orr.PostAsJsonAsync("/handovers", new { from = "prov-a", to = "prov-a" })).StatusCode);
        using (var refused = await orr.PostAsJsonAsync("/handovers/export", new { from = "prov-a", caseIds = (string[])["no-such-case"] }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Null(refused.Content.Headers.ContentDisposition);
        }

        using var export = await orr.PostAsJsonAsync("/handovers/export", new { from = "prov-a", held = true });
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        var zipPath = Path.Combine(work, "held.zip");
        await File.WriteAllBytesAsync(zipPath, await export.Content.ReadAsByteArrayAsync());
        var (exit, _, stderr) = await CommandRun.VerifyExportAsync(zipPath, "--keys", await CommandRun.PublishKeysAsync(vault, work));
        Assert.True(exit == 0, stderr);
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            using var reader = new StreamReader(zip.GetEntry(ExportIndex.ManifestPath)!.Open());
            var exported = ArchiveManifest.Read(reader, p => zip.GetEntry(p) is not null, DateOnly.FromDateTime(DateTime.UtcNow));
            var only = Assert.Single(exported.Entries);
            Assert.Equal("A-1003", only.Case.CaseNumber);
            Assert.Equal([new ArchiveHold("Roe v. Agency", "Preservation letter")], only.Case.Holds.Items);
        }

        var moved = await ReadAsync(await orr.PostAsJsonAsync("/handovers", new { from = "prov-a", to = "orr" }));

        Assert.Equal(3, moved.GetProperty("transferred").GetInt32());
        Assert.Empty(await CasesAsync(manager));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/cases/{held.Id()}")).StatusCode);
        var atOrr = await orr.GetFromJsonAsync<JsonElement>($"/cases/{held.Id()}");
        Assert.Equal("orr", atOrr.GetProperty("organizationId").GetString());
        Assert.Single(atOrr.GetProperty("activeHolds").EnumerateArray());
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static List<string> SampleFiles() =>
        [.. Directory.GetFiles(Path.Combine(Samples, "files"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Samples, f).Replace('\\', '/')).Order()];

    /// <summary>The sample manifest, then its files in any order (here reversed), each named by its manifest path.</summary>
    private static MultipartFormDataContent Form(IEnumerable<string> files)
    {
        var form = new MultipartFormDataContent { { new StringContent(File.ReadAllText(Path.Combine(Samples, "manifest.csv"))), "manifest", "manifest.csv" } };
        foreach (var file in files.Reverse())
        {
            var content = new ByteArrayContent(File.ReadAllBytes(Path.Combine(Samples, file)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "file", file);
        }

        return form;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) => await ApiCalls.ExpectJsonAsync(response, HttpStatusCode.OK);

    private static async Task<Dictionary<string, JsonElement>> CasesAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/cases?pageSize=100");
        return list.GetProperty("items").EnumerateArray().ToDictionary(c => c.GetProperty("caseNumber").GetString()!);
    }
}
