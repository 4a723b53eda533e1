using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Storage;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>Client-side encryption v2 on the real Azurite: round trips, key separation and tamper detection.</summary>
public sealed class ContentStoreTests : IAsyncLifetime
{
    private readonly BlobContainerClient container =
        new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(TestEnvironment.NewContainerName());

    private AzureBlobRecordContentStore Store => new(container);

    public async Task InitializeAsync() => await container.CreateIfNotExistsAsync();

    public async Task DisposeAsync() => await container.DeleteIfExistsAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4 * 1024 * 1024 + 1)]
    [InlineData(50 * 1024 * 1024)]
    public async Task Upload_then_download_returns_identical_bytes(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        using var key = NewCaseKey("case:a");

        var name = await Store.UploadAsync(key, new NonSeekableStream(plaintext), CancellationToken.None);
        await using var read = await Store.OpenReadAsync(key, name, CancellationToken.None);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);

        Assert.Equal(SHA256.HashData(plaintext), SHA256.HashData(copy.ToArray()));
        Assert.Equal(size, copy.Length);
    }

    [Fact]
    public async Task Stored_blob_is_ciphertext_with_no_personal_metadata()
    {
        var marker = Encoding.UTF8.GetBytes("MARKER-" + Guid.NewGuid());
        using var key = NewCaseKey("case:a");

        var name = await Store.UploadAsync(key, new MemoryStream(marker), CancellationToken.None);

        var raw = (await container.GetBlobClient(name).DownloadContentAsync()).Value;
        Assert.Equal(-1, raw.Content.ToMemory().Span.IndexOf(marker));
        var properties = await container.GetBlobClient(name).GetPropertiesAsync();
        Assert.Equal(["encryptiondata"], properties.Value.Metadata.Keys.Select(k => k.ToLowerInvariant()));
        Assert.Matches("^[0-9a-f]{32}$", name);
    }

    [Fact]
    public async Task Download_with_another_case_key_fails_even_under_the_same_key_id()
    {
        using var key = NewCaseKey("case:a");
        using var impostor = NewCaseKey("case:a");
        var name = await Store.UploadAsync(key, new MemoryStream(RandomNumberGenerator.GetBytes(1000)), CancellationToken.None);

        await Assert.ThrowsAsync<IntegrityException>(async () =>
        {
            await using var read = await Store.OpenReadAsync(impostor, name, CancellationToken.None);
            await read.CopyToAsync(Stream.Null);
        });
    }

    [Fact]
    public async Task Download_with_another_cases_key_fails()
    {
        using var key = NewCaseKey("case:a");
        using var other = NewCaseKey("case:b");
        var name = await Store.UploadAsync(key, new MemoryStream(RandomNumberGenerator.GetBytes(1000)), CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var read = await Store.OpenReadAsync(other, name, CancellationToken.None);
            await read.CopyToAsync(Stream.Null);
        });
    }

    [Theory]
    [InlineData(100, 50)]
    [InlineData(6 * 1024 * 1024, 5 * 1024 * 1024)]
    public async Task Flipped_ciphertext_byte_makes_the_download_fail(int size, int flipAt)
    {
        using var key = NewCaseKey("case:a");
        var name = await Store.UploadAsync(key, new MemoryStream(RandomNumberGenerator.GetBytes(size)), CancellationToken.None);
        await BlobTampering.FlipByteAsync(container.Name, name, flipAt);

        await Assert.ThrowsAsync<IntegrityException>(async () =>
        {
            await using var read = await Store.OpenReadAsync(key, name, CancellationToken.None);
            await read.CopyToAsync(Stream.Null);
        });
    }

    private static CaseKeyEncryptionKey NewCaseKey(string keyId) => new(keyId, RandomNumberGenerator.GetBytes(32));

    /// <summary>Like a request body: readable once, length unknown.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
