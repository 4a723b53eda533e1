using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Core.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Keys;

namespace RecordsVault.Infrastructure.Storage;

/// <summary>Record content in Azure Blob Storage, in client-side encryption v2 (AES-256-GCM, 4 MiB regions; see <see cref="EncryptionV2"/>).</summary>
public sealed class AzureBlobRecordContentStore(BlobContainerClient container) : IRecordContentStore
{
    private const int NameBytes = 16;

    public async Task<string> UploadAsync(IKeyEncryptionKey caseKey, Stream content, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NameBytes));
        var (contentKey, metadata) = await EncryptionV2.NewContentKeyAsync(caseKey, CaseKeyEncryptionKey.Algorithm, cancellationToken);
        try
        {
            await EncryptedUpload.RunAsync(container.GetBlockBlobClient(name), contentKey, metadata, content, cancellationToken);
        }
        catch
        {
            // Staged blocks of a failed upload are never committed; a committed blob is removed so nothing is orphaned.
            await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }

        return name;
    }

    public async Task<Stream> OpenReadAsync(IKeyEncryptionKey caseKey, string blobName, CancellationToken cancellationToken)
    {
        BlobDownloadStreamingResult download;
        try
        {
            download = (await container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new GoneException("The record content is no longer stored.");
        }

        try
        {
            var contentKey = await EncryptionV2.OpenContentKeyAsync(caseKey, download.Details.Metadata, cancellationToken);
            return new DecryptingStream(download.Content, contentKey);
        }
        catch (Exception ex)
        {
            download.Dispose();
            throw ex is CryptographicException ? new IntegrityException("The stored content could not be authenticated.", ex) : ex;
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
}
