namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// The versions of the KEK (and the rotation of the audit-signing key), for rotation: the current one wraps every new key; older ones only unwrap, until
/// they are retired (Local: the key file is deleted; Key Vault: the version is disabled). A retired version
/// unwraps nothing again, which is what makes a disposed case unrecoverable from a backup of the database.
/// </summary>
public interface IKeyVersions
{
    /// <summary>Every version still held, retired ones included where the provider still lists them.</summary>
    Task<IReadOnlyList<KekVersion>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The id new wraps go under, asked afresh (not cached), so a rotation by another process is seen.</summary>
    Task<string> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>Creates a new version and makes it current; returns its id.</summary>
    Task<string> RotateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates a new version of the audit-signing key and makes it current. Signing versions are never retired:
    /// old checkpoints are verified with them (those registered for the chain, see <c>AuditSigningKey</c>).
    /// </summary>
    Task<string> RotateSigningKeyAsync(CancellationToken cancellationToken);

    /// <summary>Retires <paramref name="keyId"/> for good; callers check first that it is not current and wraps nothing.</summary>
    Task RetireAsync(string keyId, CancellationToken cancellationToken);
}

/// <summary>One KEK version: its id as stored beside wrapped keys, whether it is current, and whether it still unwraps.</summary>
public sealed record KekVersion(string Id, bool Current, bool Enabled, DateTimeOffset? CreatedAt);
