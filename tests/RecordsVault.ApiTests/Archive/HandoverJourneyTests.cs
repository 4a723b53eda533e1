using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Handover;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests.Archive;

/// <summary>
/// A provider's grant ends: its archived cases, one of them held, move to a successor inside the vault, then leave
/// for another vault as a signed export that is checked offline and archived there, every file and hold intact.
/// </summary>
public sealed class HandoverJourneyTests : IDisposable
{
    private static readonly string Samples = Path.Combine(RepositoryRoot.Path, "samples", "archive");
    private readonly string work = Directory.CreateTempSubdirectory("handover-test-").FullName;

    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Transfer_to_a_successor_then_export_verify_and_archive_into_a_fresh_vault(string provider)
    {
        await using var source = new VaultFactory(provider);
        var (exit, _, stderr) = await CommandRun.ArchiveAsync(source, Path.Combine(Samples, "manifest.csv"), "--org", "prov-a", "--yes", "--receipt", Path.Combine(work, "r.json"));
        Assert.True(exit == 0, stderr);
        var oldManager = source.ClientFor("prov-a", "rm-a", "Vault.RecordsManager");
        var cases = await CasesAsync(oldManager);
        var held = cases["A-1002"];
        var hold = await ApiCalls.PostJsonAsync(oldManager, "/holds", new { matter = "Doe v. Example", reason = "Subpoena of 2026-10-01", caseIds = new[] { held.Id() } }, HttpStatusCode.Created);

        // Without --yes it only counts; a successor already holding one of the case numbers refuses the whole transfer.
        (exit, _, stderr) = await CommandRun.HandoverAsync(source, "transfer", "--from", "prov-a", "--to", "prov-c");
        Assert.Equal(1, exit);
        Assert.Contains("3 cases of prov-a would move to prov-c", stderr, StringComparison.Ordinal);
        await ApiCalls.CreateCaseAsync(source.ClientFor("prov-d", "cw-d", "Vault.Caseworker"), "A-1001");
        (exit, _, stderr) = await CommandRun.HandoverAsync(source, "transfer", "--from", "prov-a", "--to", "prov-d", "--yes");
        Assert.Equal(1, exit);
        Assert.Contains("prov-d already holds cases numbered A-1001; nothing was transferred", stderr, StringComparison.Ordinal);
        Assert.Equal(3, (await CasesAsync(oldManager)).Count);

        (exit, var transferred, stderr) = await CommandRun.HandoverAsync(source, "transfer", "--from", "prov-a", "--to", "prov-c", "--as", "orr-1", "--yes");

        Assert.True(exit == 0, stderr);
        Assert.Equal(3, JsonDocument.Parse(transferred).RootElement.GetProperty("transferred").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await oldManager.GetAsync($"/cases/{held.Id()}")).StatusCode);
        Assert.Empty(await CasesAsync(oldManager));
        var successor = source.ClientFor("prov-c", "rm-c", "Vault.RecordsManager");
        var moved = await CasesAsync(successor);
        Assert.Equal(cases.Keys.Order(), moved.Keys.Order());
        var heldNow = await successor.GetFromJsonAsync<JsonElement>($"/cases/{held.Id()}");
        Assert.Equal([hold.Id()], heldNow.GetProperty("activeHolds").EnumerateArray().Select(h => h.GetString()));
        foreach (var (number, before) in cases)
        {
            Assert.Equal(before.GetProperty("retainUntil").GetString(), moved[number].GetProperty("retainUntil").GetString());
            Assert.Equal(before.Lifecycle(), moved[number].Lifecycle());
        }

        await using (var scope = source.Services.CreateAsyncScope())
        {
            var events = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditEvents
                .Where(e => e.Action == HandoverTransfer.AuditAction).ToListAsync();
            var transfer = Assert.Single(events);
            Assert.Equal(("orr-1", "orr"), (transfer.ActorSub, transfer.ActorOrg));
            Assert.Contains("prov-a", transfer.Organizations, StringComparison.Ordinal);
            Assert.Contains("prov-c", transfer.Organizations, StringComparison.Ordinal);
            Assert.Equal("prov-a>prov-c;cases=3", transfer.TargetId);
        }

        // Out to another vault: a ZIP, checked offline with the published keys only.
        var export = Path.Combine(work, "prov-c.zip");
        (exit, _, stderr) = await CommandRun.HandoverAsync(source, "export", "--from", "prov-c", "--out", export, "--as", "orr-1");
        Assert.True(exit == 0, stderr);
        var keys = await CommandRun.PublishKeysAsync(source, work);
        (exit, var verified, stderr) = await CommandRun.VerifyExportAsync(export, "--keys", keys);
        Assert.True(exit == 0, stderr);
        Assert.True(JsonDocument.Parse(verified).RootElement.GetProperty("intact").GetBoolean());
        Assert.Equal(5, JsonDocument.Parse(verified).RootElement.GetProperty("recordsChecked").GetInt32());

        await using var target = new VaultFactory(provider);
        (exit, var archived, stderr) = await CommandRun.ArchiveAsync(target, export, "--org", "prov-z", "--as", "rm-z", "--yes", "--receipt", Path.Combine(work, "z.json"));

        Assert.True(exit == 0, stderr);
        Assert.Equal(5, JsonDocument.Parse(archived).RootElement.GetProperty("rowsStored").GetInt32());
        var receiver = target.ClientFor("prov-z", "rm-z", "Vault.RecordsManager");
        var arrived = await CasesAsync(receiver);
        Assert.Equal(cases.Keys.Order(), arrived.Keys.Order());
        foreach (var (number, c) in arrived)
        {
            Assert.Equal(cases[number].GetProperty("retainUntil").GetString(), c.GetProperty("retainUntil").GetString());
            var folder = Path.Combine(Samples, "files", number);
            var expected = Directory.GetFiles(folder).Select(f => Sha256(File.ReadAllBytes(f))).Order().ToList();
            var records = await receiver.GetFromJsonAsync<JsonElement>($"/cases/{c.Id()}/records");
            var contents = new List<string>();
            foreach (var record in records.EnumerateArray())
            {
                contents.Add(Sha256(await receiver.GetByteArrayAsync($"/records/{record.Id()}/content")));
            }

            Assert.Equal(expected, contents.Order().ToList());
        }

        var arrivedHeld = await receiver.GetFromJsonAsync<JsonElement>($"/cases/{arrived["A-1002"].Id()}");
        var newHold = await receiver.GetFromJsonAsync<JsonElement>($"/holds/{Assert.Single(arrivedHeld.GetProperty("activeHolds").EnumerateArray()).GetString()}");
        Assert.Equal("Doe v. Example", newHold.GetProperty("matter").GetString());
        Assert.Equal("Subpoena of 2026-10-01", newHold.GetProperty("reason").GetString());
        Assert.Empty((await receiver.GetFromJsonAsync<JsonElement>($"/cases/{arrived["A-1001"].Id()}")).GetProperty("activeHolds").EnumerateArray());
        await using (var scope = target.Services.CreateAsyncScope())
        {
            var placed = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditEvents.Where(e => e.Action == "hold.create").ToListAsync();
            Assert.Equal(("rm-z", newHold.Id()), (Assert.Single(placed).ActorSub, placed[0].TargetId));
        }

        // The same export a second time stores nothing twice and places no second hold.
        (exit, archived, stderr) = await CommandRun.ArchiveAsync(target, export, "--org", "prov-z", "--yes", "--receipt", Path.Combine(work, "z2.json"));
        Assert.True(exit == 0, stderr);
        Assert.Equal(5, JsonDocument.Parse(archived).RootElement.GetProperty("rowsAlreadyIn").GetInt32());
        Assert.Single((await receiver.GetFromJsonAsync<JsonElement>($"/cases/{arrived["A-1002"].Id()}")).GetProperty("activeHolds").EnumerateArray());

        // The receiving vault's keys did not sign it.
        (exit, _, stderr) = await CommandRun.VerifyExportAsync(export, "--keys", await CommandRun.PublishKeysAsync(target, work));
        Assert.Equal(1, exit);
        Assert.Contains("The signature does not verify with any of the given keys", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_with_a_changed_or_added_file_does_not_verify()
    {
        await using var source = new VaultFactory();
        var (exit, _, stderr) = await CommandRun.ArchiveAsync(source, Path.Combine(Samples, "manifest.csv"), "--org", "prov-a", "--yes", "--receipt", Path.Combine(work, "r.json"));
        Assert.True(exit == 0, stderr);
        var folder = Path.Combine(work, "export");
        (exit, _, stderr) = await CommandRun.HandoverAsync(source, "export", "--from", "prov-a", "--out", folder);
        Assert.True(exit == 0, stderr);
        var keys = await CommandRun.PublishKeysAsync(source, work);
        Assert.Equal(0, (await CommandRun.VerifyExportAsync(folder, "--keys", keys)).Exit);

        var record = Directory.GetFiles(Path.Combine(folder, "files"), "*", SearchOption.AllDirectories).Order().First();
        await File.AppendAllTextAsync(record, " ");
        await File.WriteAllTextAsync(Path.Combine(folder, "files", "smuggled.txt"), "not from the vault");
        (exit, _, stderr) = await CommandRun.VerifyExportAsync(folder, "--keys", keys);

        Assert.Equal(1, exit);
        Assert.Contains($"{Path.GetRelativePath(folder, record)} (manifest line", stderr, StringComparison.Ordinal);
        Assert.Contains("does not match its SHA-256", stderr, StringComparison.Ordinal);
        Assert.Contains("files/smuggled.txt is not covered by the signature", stderr, StringComparison.Ordinal);

        // A manifest edited to match the changed file breaks the index's digest instead.
        var manifest = Path.Combine(folder, "manifest.csv");
        var text = await File.ReadAllTextAsync(manifest);
        await File.WriteAllTextAsync(manifest, text.Replace("Services completed", "Services Completed", StringComparison.Ordinal));
        (exit, _, stderr) = await CommandRun.VerifyExportAsync(folder, "--keys", keys);
        Assert.Equal(1, exit);
        Assert.Contains("manifest.csv does not match the digest the signed index states for it", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_not_empty_is_refused_and_a_zip_export_is_a_readable_zip()
    {
        await using var source = new VaultFactory();
        var busy = Directory.CreateDirectory(Path.Combine(work, "busy")).FullName;
        await File.WriteAllTextAsync(Path.Combine(busy, "keep.txt"), "mine");

        var (exit, _, stderr) = await CommandRun.HandoverAsync(source, "export", "--from", "prov-a", "--out", busy);

        Assert.Equal(1, exit);
        Assert.Contains("already exists", stderr, StringComparison.Ordinal);
        var empty = Path.Combine(work, "empty.zip");
        (exit, _, stderr) = await CommandRun.HandoverAsync(source, "export", "--from", "prov-a", "--out", empty);
        Assert.True(exit == 0, stderr);
        using var zip = ZipFile.OpenRead(empty);
        Assert.Equal(["cases.json", "manifest.csv", "signature.json"], zip.Entries.Select(e => e.FullName).Order());
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<Dictionary<string, JsonElement>> CasesAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/cases?pageSize=100");
        return list.GetProperty("items").EnumerateArray().ToDictionary(c => c.GetProperty("caseNumber").GetString()!);
    }
}
