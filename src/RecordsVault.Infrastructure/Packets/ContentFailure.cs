using RecordsVault.Core.Errors;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>Tells a file the renderer cannot read (noted in the packet) from a failure that must stop the packet.</summary>
internal static class ContentFailure
{
    /// <summary>
    /// True for a malformed or unsupported file. False for cancellation, for any failure of the stored content itself
    /// (integrity, gone) and for a dependency that did not answer (the key provider): a packet must never present a
    /// record it could not verify, or could not open for now, as merely "not renderable".
    /// </summary>
    public static bool IsNotable(Exception exception) =>
        exception is not (OperationCanceledException or IntegrityException or GoneException or DependencyUnavailableException or OutOfMemoryException
            or RecordPageLimitException)
        && (exception.InnerException is null || IsNotable(exception.InnerException));
}

/// <summary>A record reached the most pages one record may fill in a packet (<see cref="PageFlow.MaxRecordPages"/>).</summary>
internal sealed class RecordPageLimitException() : Exception("The record fills more pages than a packet shows of one record.");
