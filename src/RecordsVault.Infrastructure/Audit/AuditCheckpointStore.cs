using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using RecordsVault.Core.Audit;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>A checkpoint line as read back; <see cref="Checkpoint"/> is null when the line could not be parsed.</summary>
public sealed record CheckpointLine(string Blob, int Line, AuditCheckpoint? Checkpoint);

/// <summary>
/// Signed checkpoints as JSON lines in append blobs, one blob per UTC hour (an append blob takes at most
/// 50,000 appends), in a container of their own: whoever can rewrite the database cannot rewrite these.
/// </summary>
public sealed class AuditCheckpointStore(BlobContainerClient container)
{
    public const string Prefix = "checkpoints/";

    public string ContainerName => container.Name;

    public Task EnsureAsync(CancellationToken cancellationToken) => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public static string BlobName(DateTime time) =>
        Prefix + time.ToString("yyyy'/'MM'/'dd'/'HH", CultureInfo.InvariantCulture) + ".jsonl";

    public async Task AppendAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var blob = container.GetAppendBlobClient(BlobName(checkpoint.Time));
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        using var line = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(checkpoint, JsonSerializerOptions.Web) + "\n"));
        await blob.AppendBlockAsync(line, cancellationToken: cancellationToken);
    }

    /// <summary>Every checkpoint line, oldest blob first.</summary>
    public async Task<IReadOnlyList<CheckpointLine>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var lines = new List<CheckpointLine>();
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Prefix, cancellationToken))
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            var number = 0;
            foreach (var text in content.Value.Content.ToString().Split('\n'))
            {
                number++;
                if (text.Length > 0)
                {
                    lines.Add(new CheckpointLine(item.Name, number, Parse(text)));
                }
            }
        }

        return lines;
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
