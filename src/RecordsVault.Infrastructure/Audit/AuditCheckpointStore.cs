using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using RecordsVault.Core.Audit;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>
/// A checkpoint line as read back; <see cref="Checkpoint"/> is null when the line could not be parsed.
/// <see cref="Legacy"/>: from the layout before chain ids, shared by every vault on the storage account.
/// </summary>
public sealed record CheckpointLine(string Blob, int Line, AuditCheckpoint? Checkpoint, bool Legacy);

/// <summary>
/// Signed checkpoints as JSON lines in append blobs, one blob per chain and UTC hour (an append blob takes at most
/// 50,000 appends), in a container of their own: whoever can rewrite the database cannot rewrite these. Each chain
/// writes under <c>chains/{chainId}/</c>, so vaults sharing a storage account never read each other's; checkpoints
/// from before chain ids are under <c>checkpoints/</c>, and are still read.
/// </summary>
public sealed class AuditCheckpointStore(BlobContainerClient container)
{
    /// <summary>The layout before chain ids.</summary>
    public const string Prefix = "checkpoints/";

    public static string ChainPrefix(string chainId) => $"chains/{chainId}/";

    public string ContainerName => container.Name;

    public Task EnsureAsync(CancellationToken cancellationToken) => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public static string BlobName(string chainId, DateTime time) =>
        ChainPrefix(chainId) + time.ToString("yyyy'/'MM'/'dd'/'HH", CultureInfo.InvariantCulture) + ".jsonl";

    public async Task AppendAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var blob = container.GetAppendBlobClient(BlobName(checkpoint.ChainId ?? throw new ArgumentException("A checkpoint without a chain id.", nameof(checkpoint)), checkpoint.Time));
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        using var line = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(checkpoint, JsonSerializerOptions.Web) + "\n"));
        await blob.AppendBlockAsync(line, cancellationToken: cancellationToken);
    }

    /// <summary>Every checkpoint line of the chain <paramref name="chainId"/> and of the legacy layout, oldest blob first.</summary>
    public async Task<IReadOnlyList<CheckpointLine>> ReadAllAsync(string chainId, CancellationToken cancellationToken)
    {
        var lines = new List<CheckpointLine>();
        await ReadAsync(Prefix, legacy: true, lines, cancellationToken);
        await ReadAsync(ChainPrefix(chainId), legacy: false, lines, cancellationToken);
        return lines;
    }

    private async Task ReadAsync(string prefix, bool legacy, List<CheckpointLine> lines, CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken))
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            var number = 0;
            foreach (var text in content.Value.Content.ToString().Split('\n'))
            {
                number++;
                if (text.Length > 0)
                {
                    lines.Add(new CheckpointLine(item.Name, number, Parse(text), legacy));
                }
            }
        }
    }

    private static AuditCheckpoint? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(line, JsonSerializerOptions.Web) is { Hash: not null, KeyId: not null, Signature: not null } checkpoint
                ? checkpoint
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
