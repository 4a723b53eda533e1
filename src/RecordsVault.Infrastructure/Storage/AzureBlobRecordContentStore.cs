using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Core.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Keys;

namespace RecordsVault.Infrastructure.Storage;

/// <summary>Record content in Azure Blob Storage with client-side encryption v2 (AES-256-GCM, 4 MiB regions).</summary>
public sealed class AzureBlobRecordContentStore(BlobContainerClient container) : IRecordContentStore
{
    private const int NameBytes = 16;

    private static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 4 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 4,
    };

    public async Task<string> UploadAsync(IKeyEncryptionKey caseKey, Stream content, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NameBytes));
        var blob = Encrypted(container.GetBlobClient(name), caseKey);
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                TransferOptions = Transfer,
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch
        {
            // Staged blocks of a failed upload are never committed; a committed blob is removed so nothing is orphaned.
            await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw;
        }

        return name;
    }

    public async Task<Stream> OpenReadAsync(IKeyEncryptionKey caseKey, string blobName, CancellationToken cancellationToken)
    {
        var blob = Encrypted(container.GetBlobClient(blobName), caseKey);
        try
        {
            var result = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new IntegrityCheckedStream(result.Value.Content);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new GoneException("The record content is no longer stored.");
        }
        catch (Exception ex) when (IntegrityCheckedStream.IsIntegrityFailure(ex))
        {
            throw new IntegrityException("The stored content could not be authenticated.", ex);
        }
    }

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    public async IAsyncEnumerable<StoredBlob> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
        {
            // Without a time the age is unknown: treat it as new, so that it is never taken for an old orphan.
            yield return new StoredBlob(item.Name, item.Properties.LastModified ?? DateTimeOffset.MaxValue, IsVaultName(item.Name));
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken) =>
        await container.GetPropertiesAsync(cancellationToken: cancellationToken);

    /// <summary>The names <see cref="UploadAsync"/> gives: 32 lowercase hex digits.</summary>
    private static bool IsVaultName(string name) =>
        name.Length == NameBytes * 2 && name.All(char.IsAsciiHexDigitLower);

    private static BlobClient Encrypted(BlobClient blob, IKeyEncryptionKey caseKey) =>
        blob.WithClientSideEncryptionOptions(new ClientSideEncryptionOptions(ClientSideEncryptionVersion.V2_0)
        {
            KeyEncryptionKey = caseKey,
            KeyResolver = new SingleKeyResolver(caseKey),
            KeyWrapAlgorithm = CaseKeyEncryptionKey.Algorithm,
        });

    /// <summary>Hands the SDK the one case key it may use; a blob naming any other key cannot be opened.</summary>
    private sealed class SingleKeyResolver(IKeyEncryptionKey key) : IKeyEncryptionKeyResolver
    {
        public IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default) =>
            keyId == key.KeyId ? key : throw new CryptographicException("The blob was encrypted under a different key.");

        public Task<IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Resolve(keyId, cancellationToken));
    }
}
