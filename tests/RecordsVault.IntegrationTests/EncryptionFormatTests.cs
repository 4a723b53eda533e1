using System.Security.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Storage;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>
/// The vault writes and reads client-side encryption v2 itself: what it stores must open with the storage SDK, what
/// the SDK stored (every blob written before) must open in the vault, and stored regions cannot be moved or dropped.
/// </summary>
public sealed class EncryptionFormatTests : IAsyncLifetime
{
    private const int Region = 4 * 1024 * 1024;
    private const int StoredRegion = Region + 28;

    private readonly BlobContainerClient container =
        new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(TestEnvironment.NewContainerName());

    private AzureBlobRecordContentStore Store => new(container);

    public async Task InitializeAsync() => await container.CreateIfNotExistsAsync();

    public async Task DisposeAsync() => await container.DeleteIfExistsAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Region)]
    [InlineData(2 * Region)]
    [InlineData(9 * Region + 7)]
    public async Task What_the_vault_stores_the_storage_SDK_decrypts(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        var keyBytes = RandomNumberGenerator.GetBytes(32);
        string name;
        using (var key = new CaseKeyEncryptionKey("case:a", (byte[])keyBytes.Clone()))
        {
            name = await Store.UploadAsync(key, new MemoryStream(plaintext), CancellationToken.None);
        }

        using var sameKey = new CaseKeyEncryptionKey("case:a", keyBytes);
        var sdk = container.GetBlobClient(name).WithClientSideEncryptionOptions(SdkOptions(sameKey));
        var read = (await sdk.DownloadContentAsync()).Value.Content.ToArray();

        Assert.Equal(SHA256.HashData(plaintext), SHA256.HashData(read));
        Assert.Equal(StoredLength(size), (await container.GetBlobClient(name).GetPropertiesAsync()).Value.ContentLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(2 * Region + 5)]
    public async Task What_the_storage_SDK_stored_the_vault_decrypts(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        using var key = new CaseKeyEncryptionKey("case:a", RandomNumberGenerator.GetBytes(32));
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await container.GetBlobClient(name).WithClientSideEncryptionOptions(SdkOptions(key))
            .UploadAsync(new MemoryStream(plaintext), new BlobUploadOptions { TransferOptions = new StorageTransferOptions { MaximumTransferSize = Region } });

        await using var stream = await Store.OpenReadAsync(key, name, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(SHA256.HashData(plaintext), SHA256.HashData(copy.ToArray()));
    }

    [Fact]
    public async Task Swapped_regions_fail_although_each_passes_its_tag()
    {
        using var key = new CaseKeyEncryptionKey("case:a", RandomNumberGenerator.GetBytes(32));
        var name = await Store.UploadAsync(key, new MemoryStream(RandomNumberGenerator.GetBytes(2 * Region)), CancellationToken.None);
        var raw = container.GetBlobClient(name);
        var metadata = (await raw.GetPropertiesAsync()).Value.Metadata;
        var bytes = (await raw.DownloadContentAsync()).Value.Content.ToArray();
        var swapped = bytes[StoredRegion..].Concat(bytes[..StoredRegion]).ToArray();
        await raw.UploadAsync(new BinaryData(swapped), new BlobUploadOptions { Metadata = metadata });

        await Assert.ThrowsAsync<IntegrityException>(async () =>
        {
            await using var read = await Store.OpenReadAsync(key, name, CancellationToken.None);
            await read.CopyToAsync(Stream.Null);
        });
    }

    [Fact]
    public async Task A_region_cut_short_fails()
    {
        using var key = new CaseKeyEncryptionKey("case:a", RandomNumberGenerator.GetBytes(32));
        var name = await Store.UploadAsync(key, new MemoryStream(RandomNumberGenerator.GetBytes(Region + 100)), CancellationToken.None);
        var raw = container.GetBlobClient(name);
        var metadata = (await raw.GetPropertiesAsync()).Value.Metadata;
        var bytes = (await raw.DownloadContentAsync()).Value.Content.ToArray();
        await raw.UploadAsync(new BinaryData(bytes[..^20]), new BlobUploadOptions { Metadata = metadata });

        await Assert.ThrowsAsync<IntegrityException>(async () =>
        {
            await using var read = await Store.OpenReadAsync(key, name, CancellationToken.None);
            await read.CopyToAsync(Stream.Null);
        });
    }

    [Fact]
    public async Task A_blob_without_its_encryption_metadata_fails_as_an_integrity_error()
    {
        using var key = new CaseKeyEncryptionKey("case:a", RandomNumberGenerator.GetBytes(32));
        var name = await Store.UploadAsync(key, new MemoryStream(RandomNumberGenerator.GetBytes(100)), CancellationToken.None);
        await container.GetBlobClient(name).SetMetadataAsync(new Dictionary<string, string>());

        await Assert.ThrowsAsync<IntegrityException>(() => Store.OpenReadAsync(key, name, CancellationToken.None));
    }

    [Fact]
    public async Task An_upload_never_replaces_an_existing_blob_and_leaves_no_blocks()
    {
        using var key = new CaseKeyEncryptionKey("case:a", RandomNumberGenerator.GetBytes(32));
        var name = await Store.UploadAsync(key, new MemoryStream(RandomNumberGenerator.GetBytes(3 * Region)), CancellationToken.None);
        var blocks = (await container.GetBlockBlobClient(name).GetBlockListAsync(BlockListTypes.All)).Value;

        Assert.Equal(3, blocks.CommittedBlocks.Count());
        Assert.Empty(blocks.UncommittedBlocks);
    }

    private static long StoredLength(int size) => size + (size + Region - 1) / Region * 28L;

    private static ClientSideEncryptionOptions SdkOptions(CaseKeyEncryptionKey key) => new(ClientSideEncryptionVersion.V2_0)
    {
        KeyEncryptionKey = key,
        KeyResolver = new OneKey(key),
        KeyWrapAlgorithm = CaseKeyEncryptionKey.Algorithm,
    };

    private sealed class OneKey(CaseKeyEncryptionKey key) : Azure.Core.Cryptography.IKeyEncryptionKeyResolver
    {
        public Azure.Core.Cryptography.IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default) => key;

        public Task<Azure.Core.Cryptography.IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default) =>
            Task.FromResult<Azure.Core.Cryptography.IKeyEncryptionKey>(key);
    }
}
