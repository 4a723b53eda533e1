namespace RecordsVault.Infrastructure.Storage;

/// <summary>
/// A blob as a listing shows it. <paramref name="NamedByVault"/> is true for names the vault gives (random hex);
/// anything else in the container was put there by someone else and is never the vault's to remove.
/// </summary>
public sealed record StoredBlob(string Name, DateTimeOffset LastModified, bool NamedByVault);
