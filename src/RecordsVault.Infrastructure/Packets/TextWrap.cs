using System.Text;
using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>Breaks a line of text at spaces to fit a width, and inside a word when one word is wider than the line.</summary>
internal static class TextWrap
{
    public static IEnumerable<string> Lines(string text, SKFont font, float width)
    {
        var rest = Clean(text);
        if (rest.Length == 0)
        {
            yield return string.Empty;
            yield break;
        }

        while (rest.Length > 0)
        {
            var fits = font.BreakText(rest, width);
            if (fits >= rest.Length)
            {
                yield return rest;
                yield break;
            }

            var cut = fits > 0 ? rest.LastIndexOf(' ', fits) : -1;
            if (cut <= 0)
            {
                cut = Math.Max(fits, 1);
                if (char.IsHighSurrogate(rest[cut - 1]) && cut < rest.Length)
                {
                    cut++;
                }
            }

            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
        }
    }

    /// <summary>Tabs become spaces; other control characters have no glyph and are dropped.</summary>
    private static string Clean(string text)
    {
        if (!text.Any(c => char.IsControl(c) || c == '\uFEFF'))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\t')
            {
                clean.Append("    ");
            }
            else if (!char.IsControl(c) && c != '\uFEFF')
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }
}
