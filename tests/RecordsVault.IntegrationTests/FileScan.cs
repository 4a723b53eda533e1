namespace RecordsVault.IntegrationTests;

/// <summary>Searches a file's raw bytes, as someone who copied it would.</summary>
public static class FileScan
{
    public static bool Contains(string file, byte[] needle)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[1 << 16];
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var filled = carry + read;
            if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0)
            {
                return true;
            }

            // Keep the tail so a marker spanning two reads is still seen.
            carry = Math.Min(needle.Length - 1, filled);
            buffer.AsSpan(filled - carry, carry).CopyTo(buffer);
        }

        return false;
    }
}
