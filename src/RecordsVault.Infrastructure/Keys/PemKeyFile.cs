using System.Security.Cryptography;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// Loads an RSA private key from a PEM file, creating it (mode 0600, in a 0700 folder) on first use.
/// Creation is exclusive: two processes starting at once on an empty folder (the API and <c>run.sh token</c>,
/// or two API instances) each write a temp file of their own, then publish it under the key's name only if
/// that name is still free; both then read back the one file that won, so they can never hold different keys.
/// </summary>
public static class PemKeyFile
{
    public static RSA LoadOrCreate(string path, int keySizeBits)
    {
        if (!File.Exists(path))
        {
            Create(path, keySizeBits);
        }

        return Load(path);
    }

    public static RSA Load(string path)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return rsa;
    }

    private static void Create(string path, int keySizeBits)
    {
        using var rsa = RSA.Create(keySizeBits);
        TryPublish(path, rsa);
    }

    /// <summary>Writes <paramref name="rsa"/> to <paramref name="path"/> unless a file has that name already; false then.</summary>
    public static bool TryPublish(string path, RSA rsa)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var file = new FileStream(temp, options))
            {
                file.Write(System.Text.Encoding.ASCII.GetBytes(rsa.ExportPkcs8PrivateKeyPem()));
                file.Flush(flushToDisk: true);
            }

            // A complete file appears under the key's name exactly once and is never replaced; if another
            // process published first, its key is the one everybody reads back.
            return ExclusivePublish.TryPublish(temp, path);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
