using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Core.Signing;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests.Archive;

/// <summary><c>./run.sh archive</c> on the sample manifest: the checks before anything is stored, a failed case finished by a second run, and the signed receipt.</summary>
public sealed class ArchiveCommandTests : IDisposable
{
    private static readonly string Samples = Path.Combine(RepositoryRoot.Path, "samples", "archive");
    private readonly string work = Directory.CreateTempSubdirectory("archive-test-").FullName;

    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Fact]
    public async Task A_broken_manifest_is_refused_with_every_problem_and_its_line_and_nothing_is_stored()
    {
        await using var vault = new VaultFactory();

        var (exit, _, stderr) = await CommandRun.ArchiveAsync(vault, Path.Combine(Samples, "broken", "manifest.csv"), "--org", "prov-a", "--yes");

        Assert.Equal(1, exit);
        Assert.Contains("manifest.csv line 2: file: '../files/A-1001/intake.txt' must be a path relative to the manifest", stderr, StringComparison.Ordinal);
        Assert.Contains("manifest.csv line 3: releaseDate: '2021-13-10' is not a date", stderr, StringComparison.Ordinal);
        Assert.Contains("manifest.csv line 4: servicePeriodEnd: 2020-03-10 is before the release date 2021-03-10", stderr, StringComparison.Ordinal);
        Assert.Contains("manifest.csv line 5: kind:", stderr, StringComparison.Ordinal);
        Assert.Contains("manifest.csv line 6: file: 'missing.txt' does not exist", stderr, StringComparison.Ordinal);
        Assert.Contains("manifest.csv line 8: Duplicate row", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was stored", stderr, StringComparison.Ordinal);
        Assert.Equal(0, await CaseCountAsync(vault));
    }

    [Fact]
    public async Task Cases_already_past_retention_wait_for_yes_and_nothing_is_stored_without_it()
    {
        await using var vault = new VaultFactory();

        var (exit, _, stderr) = await CommandRun.ArchiveAsync(vault, Path.Combine(Samples, "manifest.csv"), "--org", "prov-a");

        Assert.Equal(1, exit);
        Assert.Contains("3 cases, 5 records; 3 cases already past retention", stderr, StringComparison.Ordinal);
        Assert.Contains("run again with --yes to archive A-1001, A-1002, A-1003", stderr, StringComparison.Ordinal);
        Assert.Equal(0, await CaseCountAsync(vault));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_case_that_fails_half_way_stays_open_and_the_next_run_finishes_it_without_duplicates(string provider)
    {
        await using var vault = new VaultFactory(provider);
        var copy = CopySamples();
        var visit = Path.Combine(copy, "files", "A-1001", "visit.json");
        var original = await File.ReadAllBytesAsync(visit);
        await File.WriteAllBytesAsync(visit, [0, 1, 2, 3]); // not JSON: the third record of A-1001 is refused
        var receiptPath = Path.Combine(work, "first-receipt.json");

        var (exit, stdout, stderr) = await CommandRun.ArchiveAsync(vault, Path.Combine(copy, "manifest.csv"), "--org", "prov-a", "--as", "rm-1", "--yes", "--receipt", receiptPath);

        Assert.Equal(1, exit);
        Assert.Contains("line 2: case A-1001 was not finished: the bytes of files/A-1001/visit.json (line 4) are not application/json", stderr, StringComparison.Ordinal);
        var first = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(4, first.GetProperty("rowsStored").GetInt32());
        var cases = await CasesAsync(vault);
        Assert.Equal("Open", cases["A-1001"].Lifecycle());
        Assert.Equal("Retained", cases["A-1002"].Lifecycle());

        await File.WriteAllBytesAsync(visit, original);
        (exit, stdout, stderr) = await CommandRun.ArchiveAsync(vault, Path.Combine(copy, "manifest.csv"), "--org", "prov-a", "--as", "rm-1", "--yes", "--receipt", receiptPath.Replace("first", "second"));

        Assert.True(exit == 0, stderr);
        var second = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal((1, 4), (second.GetProperty("rowsStored").GetInt32(), second.GetProperty("rowsAlreadyIn").GetInt32()));
        cases = await CasesAsync(vault);
        Assert.Equal(3, cases.Count);
        Assert.All(cases.Values, c => Assert.Equal("Retained", c.Lifecycle()));
        var manager = vault.ClientFor("prov-a", "rm-1", "Vault.RecordsManager");
        var records = await manager.GetFromJsonAsync<JsonElement>($"/cases/{cases["A-1001"].Id()}/records");
        Assert.Equal(3, records.GetArrayLength());
    }

    [Fact]
    public async Task The_receipt_lists_every_record_with_its_digest_and_is_signed_with_the_published_key()
    {
        await using var vault = new VaultFactory();
        var receiptPath = Path.Combine(work, "receipt.json");

        var (exit, _, stderr) = await CommandRun.ArchiveAsync(vault, Path.Combine(Samples, "manifest.csv"), "--org", "prov-a", "--yes", "--receipt", receiptPath);

        Assert.True(exit == 0, stderr);
        var keys = PublishedKeys.Read(await File.ReadAllTextAsync(await CommandRun.PublishKeysAsync(vault, work)));
        var signed = SignedDocument.Parse(await File.ReadAllTextAsync(receiptPath));
        Assert.True(signed.Verify(keys));
        var receipt = JsonDocument.Parse(signed.PayloadBytes()).RootElement;
        var digests = receipt.GetProperty("cases").EnumerateArray().SelectMany(c => c.GetProperty("records").EnumerateArray())
            .Select(r => r.GetProperty("sha256").GetString()!).Order().ToList();
        var expected = Directory.GetFiles(Path.Combine(Samples, "files"), "*", SearchOption.AllDirectories)
            .Select(f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))).Order().ToList();
        Assert.Equal(expected, digests);
        Assert.Equal(5, receipt.GetProperty("rows").GetInt32());

        // One changed byte in the payload and the signature no longer holds.
        var payload = signed.PayloadBytes();
        payload[^3] ^= 1;
        Assert.False((signed with { Payload = SignedDocument.Base64Url(payload) }).Verify(keys));
    }

    [Fact]
    public async Task Ctrl_c_stops_the_run_with_exit_130_and_the_same_command_then_archives_everything_once()
    {
        await using var vault = new VaultFactory();
        using var stop = new CancellationTokenSource();
        using var stderr = new CancelOnWrite("already past retention", stop);

        var exit = await RecordsVault.Api.Archive.ArchiveCommand.RunAsync(
            [Path.Combine(Samples, "manifest.csv"), "--org", "prov-a", "--yes", "--receipt", Path.Combine(work, "r1.json")],
            vault.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), TextWriter.Null, stderr, stop.Token);

        Assert.Equal(130, exit);
        Assert.Contains("run the same command again to finish (nothing is stored twice)", stderr.ToString(), StringComparison.Ordinal);
        var (again, stdout, errors) = await CommandRun.ArchiveAsync(vault, Path.Combine(Samples, "manifest.csv"), "--org", "prov-a", "--yes", "--receipt", Path.Combine(work, "r2.json"));
        Assert.True(again == 0, errors);
        var receipt = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(5, receipt.GetProperty("rowsStored").GetInt32() + receipt.GetProperty("rowsAlreadyIn").GetInt32());
        Assert.Equal(3, await CaseCountAsync(vault));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>Stands in for Ctrl-C: cancels the run once the command has said how much it is about to archive.</summary>
    private sealed class CancelOnWrite(string trigger, CancellationTokenSource stop) : StringWriter
    {
        public override Task WriteLineAsync(string? value)
        {
            if (value?.Contains(trigger, StringComparison.Ordinal) == true)
            {
                stop.Cancel();
            }

            return base.WriteLineAsync(value);
        }
    }

    private string CopySamples()
    {
        var copy = Path.Combine(work, "samples");
        foreach (var file in Directory.GetFiles(Samples, "*", SearchOption.AllDirectories).Where(f => !f.Contains("broken", StringComparison.Ordinal)))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    private static async Task<int> CaseCountAsync(VaultFactory vault) => (await CasesAsync(vault)).Count;

    private static async Task<Dictionary<string, JsonElement>> CasesAsync(VaultFactory vault)
    {
        var list = await vault.ClientFor("prov-a", "rm-1", "Vault.RecordsManager").GetFromJsonAsync<JsonElement>("/cases?pageSize=100");
        return list.GetProperty("items").EnumerateArray().ToDictionary(c => c.GetProperty("caseNumber").GetString()!);
    }
}
