using System.Text;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>Marker strings uploaded as a record's content and title must not appear anywhere the vault writes.</summary>
public sealed class PlaintextAtRestTests
{
    [Fact]
    public async Task Uploaded_content_and_title_markers_appear_nowhere_under_VAULT_DATA_Azurite_or_the_logs()
    {
        var marker = "PLAINTEXT-MARKER-" + Guid.NewGuid().ToString("N");
        var titleMarker = "TITLE-MARKER-" + Guid.NewGuid().ToString("N");
        var content = Encoding.UTF8.GetBytes($"Home visit. {marker}. Child reports feeling safe.");
        string logPath;
        string dataPath;
        await using (var factory = new VaultFactory("Sqlite"))
        {
            var client = factory.ClientFor("prov-a", "alice", "Vault.Caseworker");
            var created = await ApiCalls.CreateCaseAsync(client);
            using var form = ApiCalls.RecordForm(content, title: $"Visit with {titleMarker}");
            var record = await ApiCalls.ExpectJsonAsync(await client.PostAsync($"/cases/{created.Id()}/records", form), System.Net.HttpStatusCode.Created);

            // Both really went through: the content downloads, and reads and listings show the title.
            Assert.Contains(marker, await client.GetStringAsync($"/records/{record.Id()}/content"), StringComparison.Ordinal);
            Assert.Contains(titleMarker, await client.GetStringAsync($"/records/{record.Id()}"), StringComparison.Ordinal);
            Assert.Contains(titleMarker, await client.GetStringAsync($"/cases/{created.Id()}/records"), StringComparison.Ordinal);
            logPath = factory.LogPath;
            dataPath = factory.DataPath;
        }

        Assert.True(new FileInfo(logPath).Length > 0, "the service logged nothing, so the log scan would prove nothing");
        Assert.True(File.Exists(Path.Combine(dataPath, "vault.db")));
        foreach (var needle in new[] { marker, titleMarker }.Select(Encoding.UTF8.GetBytes))
        {
            var hits = FilesUnder(dataPath).Concat(FilesUnder(TestEnvironment.AzuriteDataPath))
                .Where(file => FileScan.Contains(file, needle))
                .ToList();
            Assert.Empty(hits);
        }
    }

    [Fact]
    public void Scanner_finds_a_marker_that_is_there()
    {
        var folder = TestEnvironment.NewDataPath();
        var needle = Encoding.UTF8.GetBytes("FINDME-" + Guid.NewGuid());
        File.WriteAllBytes(Path.Combine(folder, "blob.bin"), [.. new byte[70_000], .. needle, .. new byte[10]]);

        Assert.Single(FilesUnder(folder), file => FileScan.Contains(file, needle));
    }

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories);
}
