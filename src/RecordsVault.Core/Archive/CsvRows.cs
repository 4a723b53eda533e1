using System.Text;

namespace RecordsVault.Core.Archive;

/// <summary>One CSV row and the line of the file it starts on, so problems can point at it.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>Reads RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) one row at a time.</summary>
public static class CsvRows
{
    public static IEnumerable<CsvRow> Read(TextReader reader)
    {
        var line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var rowStart = 1;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new CsvRow(rowStart, fields);
                    fields = [];
                    any = false;
                    line++;
                    rowStart = line;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return new CsvRow(rowStart, fields);
        }
    }
}

/// <summary>Writes RFC 4180 CSV: a field holding a comma, quote or line break is quoted, its quotes doubled.</summary>
public static class CsvWriter
{
    public static string Row(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    private static string Field(string? value)
    {
        value ??= string.Empty;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
