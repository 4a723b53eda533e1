using System.Text;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>A marker string uploaded as record content must not appear anywhere the vault writes.</summary>
public sealed class PlaintextAtRestTests
{
    [Fact]
    public async Task Uploaded_marker_appears_nowhere_under_VAULT_DATA_Azurite_or_the_logs()
    {
        var marker = "PLAINTEXT-MARKER-" + Guid.NewGuid().ToString("N");
        var content = Encoding.UTF8.GetBytes($"Home visit. {marker}. Child reports feeling safe.");
        string logPath;
        string dataPath;
        await using (var factory = new VaultFactory("Sqlite"))
        {
            var client = factory.ClientFor("prov-a", "alice", "Vault.Caseworker");
            var created = await ApiCalls.CreateCaseAsync(client);
            var record = await ApiCalls.UploadAsync(client, created.Id(), content);
            var downloaded = await client.GetStringAsync($"/records/{record.Id()}/content");
            Assert.Contains(marker, downloaded, StringComparison.Ordinal); // the marker really went through
            logPath = factory.LogPath;
            dataPath = factory.DataPath;
        }

        Assert.True(new FileInfo(logPath).Length > 0, "the service logged nothing, so the log scan would prove nothing");
        Assert.True(File.Exists(Path.Combine(dataPath, "vault.db")));
        var needle = Encoding.UTF8.GetBytes(marker);
        var hits = FilesUnder(dataPath).Concat(FilesUnder(TestEnvironment.AzuriteDataPath))
            .Where(file => Contains(file, needle))
            .ToList();
        Assert.Empty(hits);
    }

    [Fact]
    public void Scanner_finds_a_marker_that_is_there()
    {
        var folder = TestEnvironment.NewDataPath();
        var needle = Encoding.UTF8.GetBytes("FINDME-" + Guid.NewGuid());
        File.WriteAllBytes(Path.Combine(folder, "blob.bin"), [.. new byte[70_000], .. needle, .. new byte[10]]);

        Assert.Single(FilesUnder(folder), file => Contains(file, needle));
    }

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories);

    private static bool Contains(string file, byte[] needle)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[1 << 16];
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var filled = carry + read;
            if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0)
            {
                return true;
            }

            // Keep the tail so a marker spanning two reads is still seen.
            carry = Math.Min(needle.Length - 1, filled);
            buffer.AsSpan(filled - carry, carry).CopyTo(buffer);
        }

        return false;
    }
}
