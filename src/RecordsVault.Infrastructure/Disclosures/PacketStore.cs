using System.IO.Pipelines;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Packets;
using RecordsVault.Infrastructure.Records;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Infrastructure.Disclosures;

/// <summary>
/// Renders a packet straight into encrypted blob storage through a pipe (never whole in memory, never
/// plaintext on disk), under a key of its own, and serves the stored bytes afterwards. A packet outlives
/// the disposal of its cases: it is the evidence of what was disclosed.
/// </summary>
public sealed class PacketStore(CaseKeys keys, IRecordContentStore store, IPacketRenderer renderer, RecordService records, TimeProvider clock)
{
    public async Task<StoredPacket> RenderAndStoreAsync(
        PacketDocument document, IReadOnlyDictionary<string, Record> sources, CancellationToken cancellationToken)
    {
        var (kekId, wrapped) = await keys.NewWrappedKeyAsync(cancellationToken);
        using var packetKey = await keys.OpenAsync(BlobKeyId(document.PacketId), kekId, wrapped, cancellationToken);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4 * 1024 * 1024, resumeWriterThreshold: 2 * 1024 * 1024));

        // The renderer writes synchronously, so it runs on its own thread while the upload reads the other end.
        var rendering = Task.Run(async () =>
        {
            try
            {
                await using var output = pipe.Writer.AsStream(leaveOpen: true);
                await renderer.RenderAsync(document, (r, ct) => OpenRecordAsync(sources[r.RecordId], ct), output, cancellationToken);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception ex)
            {
                await pipe.Writer.CompleteAsync(ex);
                throw;
            }
        }, cancellationToken);

        string blobName;
        long size;
        string sha256;
        await using (var digesting = new DigestingStream(pipe.Reader.AsStream()))
        {
            try
            {
                blobName = await store.UploadAsync(packetKey, digesting, cancellationToken);
            }
            catch
            {
                await pipe.Reader.CompleteAsync();
                await Task.WhenAny(rendering);
                throw;
            }

            size = digesting.BytesRead;
            sha256 = digesting.Sha256Hex;
        }

        await rendering;
        return new StoredPacket
        {
            BlobName = blobName, Sha256 = sha256, Size = size, KekId = kekId, WrappedKey = wrapped,
            RenderedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>The stored packet's bytes, decrypted and checked against its recorded SHA-256 at the end.</summary>
    public async Task<DigestingStream> OpenAsync(string packetId, StoredPacket packet, CancellationToken cancellationToken)
    {
        using var packetKey = await keys.OpenAsync(BlobKeyId(packetId), packet.KekId, packet.WrappedKey, cancellationToken);
        var decrypted = await store.OpenReadAsync(packetKey, packet.BlobName, cancellationToken);
        return new DigestingStream(decrypted, expectedSha256: packet.Sha256);
    }

    public Task DiscardAsync(StoredPacket packet) => store.DeleteAsync(packet.BlobName, CancellationToken.None);

    private async Task<Stream> OpenRecordAsync(Record record, CancellationToken cancellationToken) =>
        await records.OpenContentAsync(record, cancellationToken);

    private static string BlobKeyId(string packetId) => $"packet:{packetId}";
}
