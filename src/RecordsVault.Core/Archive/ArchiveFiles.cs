using System.IO.Compression;

namespace RecordsVault.Core.Archive;

/// <summary>
/// The files beside a manifest, by their manifest path: a folder on disk, or a ZIP (an export as another vault
/// streams it). Read only; a path is always one <see cref="ArchiveManifest.IsSafeRelativePath"/> accepted.
/// </summary>
public abstract class ArchiveFiles : IDisposable
{
    /// <summary>A folder, or a <c>.zip</c> file, as given on the command line.</summary>
    public static ArchiveFiles At(string path) =>
        File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? new ZipFiles(path)
        : Directory.Exists(path) ? new FolderFiles(path)
        : throw new FileNotFoundException($"{path} is neither a folder nor a .zip file.", path);

    public abstract bool Exists(string path);

    public abstract long Length(string path);

    public abstract Stream Open(string path);

    /// <summary>Every file there, as manifest paths: an export is checked for files its signed index does not name.</summary>
    public abstract IEnumerable<string> List();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    private sealed class FolderFiles(string folder) : ArchiveFiles
    {
        private readonly string root = Path.GetFullPath(folder);

        public override bool Exists(string path) => File.Exists(Full(path));

        public override long Length(string path) => new FileInfo(Full(path)).Length;

        public override Stream Open(string path) =>
            new FileStream(Full(path), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

        public override IEnumerable<string> List() =>
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));

        private string Full(string path) => Path.Combine(root, path);
    }

    private sealed class ZipFiles(string path) : ArchiveFiles
    {
        private readonly ZipArchive zip = ZipFile.OpenRead(path);

        public override bool Exists(string path) => zip.GetEntry(path) is not null;

        public override long Length(string path) => Entry(path).Length;

        public override Stream Open(string path) => Entry(path).Open();

        public override IEnumerable<string> List() => zip.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                zip.Dispose();
            }

            base.Dispose(disposing);
        }

        private ZipArchiveEntry Entry(string path) => zip.GetEntry(path) ?? throw new FileNotFoundException($"{path} is not in the ZIP.", path);
    }
}
