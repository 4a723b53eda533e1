namespace RecordsVault.Infrastructure.Reconciliation;

/// <summary>What one reconciler run did.</summary>
/// <param name="DeletionsFinished">Record deletions a crash had interrupted, finished now (blob, then row).</param>
/// <param name="BlobsExamined">Every blob of the container.</param>
/// <param name="Owned">Blobs a record or packet row owns: kept.</param>
/// <param name="WithinGrace">Unowned blobs too young to judge (their row may be about to commit): kept.</param>
/// <param name="NotNamedByVault">Blobs whose names the vault does not give: never touched.</param>
/// <param name="OrphansDeleted">Unowned blobs older than the grace period: deleted.</param>
public sealed record ReconcileResult(int DeletionsFinished, int BlobsExamined, int Owned, int WithinGrace, int NotNamedByVault, int OrphansDeleted);
