using System.Runtime.InteropServices;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// Gives a finished file its final name only if no file has that name yet, atomically. .NET's
/// <c>File.Move(overwrite: false)</c> is not enough on Unix: when the name is free it checks, then calls
/// rename(2), which replaces a file that appeared in between. link(2) fails with EEXIST instead.
/// </summary>
internal static class ExclusivePublish
{
    private const int EEXIST = 17; // the same on Linux and macOS

    /// <summary>True if <paramref name="finished"/> now has the name <paramref name="path"/>; false if another file already had it.</summary>
    public static bool TryPublish(string finished, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING fails atomically when the name exists.
            try
            {
                File.Move(finished, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }

        if (Link(NulTerminated(finished), NulTerminated(path)) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        if (error == EEXIST)
        {
            return false;
        }

        // A file system without hard links: the best left is the check-then-rename of File.Move.
        try
        {
            File.Move(finished, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    private static byte[] NulTerminated(string path) => System.Text.Encoding.UTF8.GetBytes(path + '\0');

    // Paths go as NUL-terminated UTF-8 bytes: blittable, so no string marshalling (and no unsafe code) is involved.
    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Link(byte[] existing, byte[] newPath);
}
