using System.IO.Compression;

namespace RecordsVault.Infrastructure.Handover;

/// <summary>Where an export's files go, one after the other: a ZIP streamed to a response or a file, or a folder.</summary>
public abstract class ExportTarget
{
    /// <summary>Writes one file; <paramref name="write"/> fills the stream it is given.</summary>
    public abstract Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken);

    /// <summary>Called once every file is written and checked: only now does a ZIP get its central directory.</summary>
    public abstract ValueTask CompleteAsync();

    /// <summary>
    /// A ZIP written as it goes. Until <see cref="CompleteAsync"/> it has no central directory, so an export that
    /// fails half-way is an unreadable file, never a shorter ZIP that looks whole.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Design", "CA1001", Justification = "Disposing the archive writes its central directory: only CompleteAsync may, once every file is checked.")]
    public sealed class Zip(Stream output) : ExportTarget
    {
        private readonly ZipArchive zip = new(output, ZipArchiveMode.Create, leaveOpen: true);

        public override async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
        {
            await using var entry = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
            await write(entry);
        }

        public override ValueTask CompleteAsync()
        {
            zip.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A new folder (refused if it exists and is not empty); the signed index is written last.</summary>
    public sealed class Folder : ExportTarget
    {
        private readonly string root;

        public Folder(string path)
        {
            root = Path.GetFullPath(path);
            if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            {
                throw new IOException($"{path} is not empty; an export goes into a new folder.");
            }

            Directory.CreateDirectory(root);
        }

        public override async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await using var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await write(file);
        }

        public override ValueTask CompleteAsync() => ValueTask.CompletedTask;
    }
}
