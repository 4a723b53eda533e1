using System.Buffers.Binary;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace RecordsVault.Infrastructure.Storage;

/// <summary>
/// Encrypts a stream region by region into a new block blob: one request for content that fits one region, otherwise
/// one staged block per region, a few in flight, then one commit that names the blocks and carries the metadata. The
/// blob exists only after the commit, and never over an existing one.
/// </summary>
internal static class EncryptedUpload
{
    private const int InFlight = 4;

    private static readonly BlobRequestConditions NewBlobOnly = new() { IfNoneMatch = ETag.All };

    public static async Task RunAsync(
        BlockBlobClient blob, byte[] contentKey, IDictionary<string, string> metadata, Stream content, CancellationToken cancellationToken)
    {
        using var gcm = new AesGcm(contentKey, EncryptionV2.TagSize);
        var staging = new Queue<Task>();
        var blockIds = new List<string>();
        try
        {
            for (long region = 0; ; region++)
            {
                var buffer = RegionBuffers.Rent();
                int length;
                try
                {
                    var filled = await FillAsync(content, buffer.AsMemory(EncryptionV2.NonceSize, EncryptionV2.RegionSize), cancellationToken);
                    if (filled == 0 && region > 0)
                    {
                        RegionBuffers.Return(buffer);
                        break;
                    }

                    length = Seal(gcm, buffer, filled, region);
                    if (region == 0 && filled < EncryptionV2.RegionSize)
                    {
                        await PutWholeAsync(blob, buffer, length, metadata, cancellationToken);
                        RegionBuffers.Return(buffer);
                        return;
                    }
                }
                catch
                {
                    RegionBuffers.Return(buffer);
                    throw;
                }

                var blockId = BlockId(region);
                blockIds.Add(blockId);
                staging.Enqueue(StageAsync(blob, blockId, buffer, length, cancellationToken));
                if (staging.Count == InFlight)
                {
                    await staging.Dequeue();
                }

                if (length < EncryptionV2.StoredRegionSize)
                {
                    break;
                }
            }

            while (staging.Count > 0)
            {
                await staging.Dequeue();
            }

            await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions { Metadata = metadata, Conditions = NewBlobOnly }, cancellationToken);
        }
        finally
        {
            // A failure leaves blocks staging: wait for them, so that no request outlives the upload and every buffer is back.
            foreach (var stage in staging)
            {
                try
                {
                    await stage;
                }
                catch (Exception)
                {
                    // The failure already on its way out is the one to report.
                }
            }
        }
    }

    /// <summary>Encrypts the region's plaintext in place between its nonce and its tag; returns the stored length.</summary>
    private static int Seal(AesGcm gcm, byte[] buffer, int plaintextLength, long region)
    {
        if (plaintextLength == 0)
        {
            return 0;
        }

        var nonce = buffer.AsSpan(0, EncryptionV2.NonceSize);
        var text = buffer.AsSpan(EncryptionV2.NonceSize, plaintextLength);
        EncryptionV2.WriteNonce(nonce, region);
        gcm.Encrypt(nonce, text, text, buffer.AsSpan(EncryptionV2.NonceSize + plaintextLength, EncryptionV2.TagSize));
        return EncryptionV2.NonceSize + plaintextLength + EncryptionV2.TagSize;
    }

    private static async Task PutWholeAsync(
        BlockBlobClient blob, byte[] buffer, int length, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        await blob.UploadAsync(body, new BlobUploadOptions { Metadata = metadata, Conditions = NewBlobOnly }, cancellationToken);
    }

    private static async Task StageAsync(BlockBlobClient blob, string blockId, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        try
        {
            using var body = new MemoryStream(buffer, 0, length, writable: false);
            await blob.StageBlockAsync(blockId, body, cancellationToken: cancellationToken);
        }
        finally
        {
            RegionBuffers.Return(buffer);
        }
    }

    private static async Task<int> FillAsync(Stream content, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await content.ReadAsync(buffer[filled..], cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    /// <summary>Block ids of one blob must all have the same length: the region's number as 8 bytes, base64.</summary>
    private static string BlockId(long region)
    {
        Span<byte> id = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(id, region);
        return Convert.ToBase64String(id);
    }
}
