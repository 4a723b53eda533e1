using System.Text.Unicode;

namespace RecordsVault.Core.Records;

/// <summary>The record content types the vault accepts, and the first-byte checks that back each declaration.</summary>
public static class ContentTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Tiff = "image/tiff";
    public const string Text = "text/plain";
    public const string Json = "application/json";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>How many leading bytes <see cref="Matches"/> wants to see.</summary>
    public const int SniffLength = 8192;

    public static IReadOnlyList<string> Allowed { get; } = [Pdf, Png, Jpeg, Tiff, Text, Json, Docx];

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".png"] = Png,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".tif"] = Tiff,
        [".tiff"] = Tiff,
        [".txt"] = Text,
        [".json"] = Json,
        [".docx"] = Docx,
    };

    /// <summary>The file extension a download or export gives a record of this type.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        Pdf => ".pdf",
        Png => ".png",
        Jpeg => ".jpg",
        Tiff => ".tiff",
        Text => ".txt",
        Json => ".json",
        Docx => ".docx",
        _ => string.Empty,
    };

    /// <summary>
    /// The allowed type a part declares, ignoring parameters such as charset. A generic
    /// <c>application/octet-stream</c> (what most clients send by default) falls back to the file extension.
    /// Returns null when the type is not allowed.
    /// </summary>
    public static string? Normalize(string? declared, string? fileName)
    {
        var type = declared?.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(type) || type == "application/octet-stream")
        {
            var extension = Path.GetExtension(fileName ?? string.Empty);
            return ByExtension.GetValueOrDefault(extension);
        }

        if (type == "image/jpg")
        {
            type = Jpeg;
        }

        return Allowed.Contains(type) ? type : null;
    }

    /// <summary>True when the leading bytes of a file are consistent with its declared type.</summary>
    public static bool Matches(string contentType, ReadOnlySpan<byte> head, bool isWholeFile) => contentType switch
    {
        Pdf => head.StartsWith("%PDF-"u8),
        Png => head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
        Jpeg => head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
        Tiff => head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8),
        Docx => head.StartsWith("PK\u0003\u0004"u8),
        Text => LooksLikeText(head, isWholeFile),
        Json => LooksLikeText(head, isWholeFile) && StartsLikeJson(head),
        _ => false,
    };

    private static bool LooksLikeText(ReadOnlySpan<byte> head, bool isWholeFile)
    {
        if (head.Contains((byte)0))
        {
            return false;
        }

        // A multi-byte UTF-8 sequence may be cut at the end of the sniffed window; trim it before validating.
        var checkable = isWholeFile ? head : TrimIncompleteUtf8(head);
        return Utf8.IsValid(checkable);
    }

    private static ReadOnlySpan<byte> TrimIncompleteUtf8(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0b1100_0000) == 0b1100_0000)
            {
                return bytes[..^back];
            }

            if ((b & 0b1000_0000) == 0)
            {
                break;
            }
        }

        return bytes;
    }

    private static bool StartsLikeJson(ReadOnlySpan<byte> head)
    {
        var text = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        var trimmed = text.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && (trimmed[0] == (byte)'{' || trimmed[0] == (byte)'[');
    }
}
