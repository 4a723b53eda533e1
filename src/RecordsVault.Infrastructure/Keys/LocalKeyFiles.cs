using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// A local key's versions as files, e.g. for the KEK <c>kek/&lt;version&gt;.pem</c>, plus <c>kek.pem</c> from before
/// rotation existed (its first version). <c>kek/current</c> names the current version; without it <c>kek.pem</c> is
/// current (the audit-signing key likewise, under <c>audit-signing</c>). A rotation publishes the new key file first, then replaces <c>current</c> by a rename, so a crash
/// leaves either the old or the new version current, never a name without its file. A version is the start of
/// its public key's SHA-256, so ids built from it (<c>local:&lt;version&gt;</c>) are the ones stored before versions existed.
/// </summary>
internal sealed class LocalKeyFiles(string keysPath, string name) : IDisposable
{
    private const int KeySizeBits = 3072;

    private readonly string folder = Path.Combine(keysPath, name);
    private readonly string legacyPath = Path.Combine(keysPath, name + ".pem");
    private readonly ConcurrentDictionary<string, RSA> loaded = new(StringComparer.Ordinal);
    private string? legacyVersion;

    private string CurrentFile => Path.Combine(folder, "current");

    /// <summary>The current version, read from disk each time: another process (<c>keys rotate</c>) may have switched it.</summary>
    public string CurrentVersion()
    {
        if (File.Exists(CurrentFile))
        {
            return File.ReadAllText(CurrentFile).Trim();
        }

        // A vault from before rotation, or a new one: kek.pem is the first version, created here if missing.
        if (legacyVersion is null)
        {
            var rsa = PemKeyFile.LoadOrCreate(legacyPath, KeySizeBits);
            legacyVersion = VersionOf(rsa);
            loaded.TryAdd(legacyVersion, rsa);
        }

        return legacyVersion;
    }

    /// <summary>The RSA key of <paramref name="version"/>, or null once it is retired (its file deleted, here or by another process).</summary>
    public RSA? Find(string version)
    {
        var path = PathOf(version);
        if (path is null)
        {
            if (loaded.TryRemove(version, out var retired))
            {
                retired.Dispose();
            }

            return null;
        }

        return loaded.GetOrAdd(version, _ => PemKeyFile.Load(path));
    }

    public IReadOnlyList<(string Version, bool Current, DateTime CreatedAt)> List()
    {
        var current = CurrentVersion();
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.pem") : [];
        var versions = files.Select(f => (Version: Path.GetFileNameWithoutExtension(f), Path: f)).ToList();
        if (File.Exists(legacyPath) && LegacyVersion() is { } legacy)
        {
            versions.Add((legacy, legacyPath));
        }

        return versions
            .Select(v => (v.Version, v.Version == current, File.GetLastWriteTimeUtc(v.Path)))
            .OrderBy(v => v.Item3)
            .ToList();
    }

    public string Rotate()
    {
        using var rsa = RSA.Create(KeySizeBits);
        var version = VersionOf(rsa);
        PemKeyFile.TryPublish(Path.Combine(folder, version + ".pem"), rsa);

        // rename(2) replaces the name atomically: readers see the old content or the new, never a partial file.
        var temp = Path.Combine(folder, $"current.{Guid.NewGuid():N}.tmp");
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(version));
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, CurrentFile, overwrite: true);
        return version;
    }

    public void Retire(string version)
    {
        if (version == CurrentVersion())
        {
            throw new InvalidOperationException($"{name} version {version} is current; rotate first.");
        }

        var path = PathOf(version) ?? throw new KeyNotFoundException($"{name} version {version} is not held here (already retired?).");
        File.Delete(path);
        if (loaded.TryRemove(version, out var rsa))
        {
            rsa.Dispose();
        }
    }

    public static string VersionOf(RSA rsa) => Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()).AsSpan(0, 8));

    public void Dispose()
    {
        foreach (var rsa in loaded.Values)
        {
            rsa.Dispose();
        }
    }

    private string? PathOf(string version)
    {
        // Versions are hex: anything else (a path, a traversal) is not a version of this KEK.
        if (version.Length != 16 || !version.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var path = Path.Combine(folder, version + ".pem");
        if (File.Exists(path))
        {
            return path;
        }

        return File.Exists(legacyPath) && LegacyVersion() == version ? legacyPath : null;
    }

    private string? LegacyVersion()
    {
        if (legacyVersion is null && File.Exists(legacyPath))
        {
            var rsa = PemKeyFile.Load(legacyPath);
            legacyVersion = VersionOf(rsa);
            if (!loaded.TryAdd(legacyVersion, rsa))
            {
                rsa.Dispose();
            }
        }

        return legacyVersion;
    }
}
