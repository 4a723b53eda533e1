using System.Text;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>Reads lines of at most <paramref name="maxChars"/> characters, so a file with no line breaks is still read in pieces.</summary>
internal sealed class BoundedLineReader(TextReader reader, int maxChars)
{
    private readonly char[] buffer = new char[4096];
    private readonly StringBuilder line = new();
    private int start;
    private int end;

    /// <summary>The next line without its line break, or null at the end of the text.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        line.Clear();
        while (true)
        {
            if (start == end)
            {
                start = 0;
                end = await reader.ReadAsync(buffer, cancellationToken);
                if (end == 0)
                {
                    return line.Length > 0 ? line.ToString() : null;
                }
            }

            while (start < end)
            {
                var c = buffer[start++];
                if (c == '\n')
                {
                    return line.ToString();
                }

                if (c != '\r')
                {
                    line.Append(c);
                }

                // Never split a surrogate pair across two lines.
                if (line.Length >= maxChars && !char.IsHighSurrogate(c))
                {
                    return line.ToString();
                }
            }
        }
    }
}
