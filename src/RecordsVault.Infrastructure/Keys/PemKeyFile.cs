using System.Security.Cryptography;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>Loads an RSA private key from a PEM file, creating it (mode 0600) on first use.</summary>
public static class PemKeyFile
{
    public static RSA LoadOrCreate(string path, int keySizeBits)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return rsa;
        }

        var folder = System.IO.Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        rsa.KeySize = keySizeBits;
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temp, System.Text.Encoding.ASCII, options))
        {
            writer.Write(pem);
        }

        // Two processes starting at once (the API and `run.sh token`) must agree on one key.
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            rsa.ImportFromPem(File.ReadAllText(path));
        }

        return rsa;
    }
}
