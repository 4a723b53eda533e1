using System.Buffers;

namespace RecordsVault.Bench;

internal static class Drain
{
    /// <summary>Reads a stream to its end into one reused buffer; returns the byte count.</summary>
    public static async Task<long> CountAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
