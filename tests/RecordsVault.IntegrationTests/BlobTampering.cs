using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>Edits stored ciphertext behind the vault's back, as an attacker with storage access could.</summary>
public static class BlobTampering
{
    public static async Task FlipByteAsync(string containerName, string blobName, int offset)
    {
        var blob = new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(containerName).GetBlobClient(blobName);
        var metadata = (await blob.GetPropertiesAsync()).Value.Metadata;
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        bytes[offset] ^= 0x01;
        await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions { Metadata = metadata });
    }
}
