using Microsoft.Extensions.Logging;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Infrastructure.Records;

/// <summary>What is known about a pending record's row.</summary>
public enum CommitOutcome
{
    /// <summary>No commit was attempted, or it was refused before anything could land.</summary>
    NotCommitted,

    /// <summary>The row committed: the blob is owned.</summary>
    Committed,

    /// <summary>The commit failed or was cancelled midway: the row may or may not exist.</summary>
    Unknown,
}

/// <summary>
/// A record whose content is stored but whose row has not committed. Disposing of it is the upload's one
/// clean-up point: the blob is deleted only when the row is known not to exist. When the commit's outcome is
/// unknown the blob stays, and the orphan reconciler deletes it after its grace period if no row owns it;
/// deleting it here could leave a committed row without its content.
/// </summary>
public sealed partial class PendingRecord(Record record, IRecordContentStore store, ILogger logger) : IAsyncDisposable
{
    public Record Record { get; } = record;

    public CommitOutcome Outcome { get; internal set; } = CommitOutcome.NotCommitted;

    public async ValueTask DisposeAsync()
    {
        switch (Outcome)
        {
            case CommitOutcome.NotCommitted:
                try
                {
                    await store.DeleteAsync(Record.BlobName, CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The request's own error matters more; the reconciler removes the blob later.
                    LogDiscardFailed(logger, Record.CaseId, Record.BlobName, ex.GetType().Name);
                }

                break;
            case CommitOutcome.Unknown:
                LogLeftToReconciler(logger, Record.CaseId, Record.BlobName);
                break;
            case CommitOutcome.Committed:
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload to case {CaseId}: blob {BlobName} of an uncommitted record could not be deleted ({Failure}); the reconciler will remove it")]
    private static partial void LogDiscardFailed(ILogger logger, string caseId, string blobName, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload to case {CaseId}: the commit's outcome is unknown, so blob {BlobName} is left to the reconciler")]
    private static partial void LogLeftToReconciler(ILogger logger, string caseId, string blobName);
}
