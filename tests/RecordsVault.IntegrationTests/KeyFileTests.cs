using System.Security.Cryptography;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>
/// Key files on a real file system, created by several starters at once. Threads released together race on
/// the file system exactly as separate processes do: exclusive creation and link(2) are what decide.
/// </summary>
public sealed class KeyFileTests
{
    [Fact]
    public async Task Starters_racing_on_an_empty_keys_folder_all_load_the_one_key_on_disk()
    {
        const int Starters = 6;
        for (var round = 0; round < 15; round++)
        {
            var path = Path.Combine(TestEnvironment.NewDataPath(), "keys", "race.pem");
            using var start = new Barrier(Starters);
            var keys = await Task.WhenAll(Enumerable.Range(0, Starters).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                using var rsa = PemKeyFile.LoadOrCreate(path, 1024); // small keys: quick to make, so the starters overlap
                return rsa.ExportSubjectPublicKeyInfo();
            })));

            using var onDisk = RSA.Create();
            onDisk.ImportFromPem(await File.ReadAllTextAsync(path));
            Assert.All(keys, k => Assert.Equal(onDisk.ExportSubjectPublicKeyInfo(), k));
            Assert.Equal(["race.pem"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName)); // no temp files left
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
    }

    [Fact]
    public async Task Two_key_providers_starting_at_once_wrap_with_the_same_key()
    {
        var folder = Path.Combine(TestEnvironment.NewDataPath(), "keys");
        using var start = new Barrier(2);
        var providers = await Task.WhenAll(Task.Run(Start), Task.Run(Start));
        try
        {
            Assert.Equal(providers[0].KeyId, providers[1].KeyId);
            Assert.Equal(providers[0].SigningKeyId, providers[1].SigningKeyId);
            var wrapped = await providers[0].WrapKeyAsync(RandomNumberGenerator.GetBytes(32), CancellationToken.None);
            Assert.Equal(providers[0].KeyId, wrapped.KeyId);
            Assert.Equal(32, (await providers[1].UnwrapKeyAsync(wrapped.KeyId, wrapped.Value, CancellationToken.None)).Length);
        }
        finally
        {
            Array.ForEach(providers, p => p.Dispose());
        }

        LocalKeyProvider Start()
        {
            start.SignalAndWait();
            return new LocalKeyProvider(folder);
        }
    }
}
