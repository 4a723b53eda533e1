using Azure.Core.Cryptography;

namespace RecordsVault.Infrastructure.Storage;

/// <summary>Encrypted record content, addressed by random blob names. The case key is the key-encryption key.</summary>
public interface IRecordContentStore
{
    /// <summary>Encrypts and stores the stream under a new random name, which it returns.</summary>
    Task<string> UploadAsync(IKeyEncryptionKey caseKey, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a decrypting stream; authentication failures surface as <c>IntegrityException</c>.</summary>
    Task<Stream> OpenReadAsync(IKeyEncryptionKey caseKey, string blobName, CancellationToken cancellationToken);

    Task DeleteAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Every blob of the container, with when it was last written; the reconciler decides which are orphans.</summary>
    IAsyncEnumerable<StoredBlob> ListAsync(CancellationToken cancellationToken);

    /// <summary>Throws unless the container answers.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
