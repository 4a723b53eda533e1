using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RecordsVault.Core.Errors;

namespace RecordsVault.Api.Uploads;

/// <summary>Reading a multipart body part by part, for the routes that stream their files (a record upload, an archive).</summary>
public static class MultipartParts
{
    public const int MaxFieldBytes = 4096;

    /// <summary>The request's boundary; <paramref name="usage"/> says how to send it when the body is not multipart/form-data (415).</summary>
    public static string Boundary(HttpRequest request, string usage)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedContentException(usage);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200
            ? throw new ValidationException("body", "The multipart boundary is missing or too long.")
            : boundary;
    }

    /// <summary>The part's form field name and file name.</summary>
    public static (string Name, string? FileName) NameOf(MultipartSection section)
    {
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
        {
            throw new ValidationException("body", "Every part needs a form-data content disposition.");
        }

        return (HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty, HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
    }

    /// <summary>A text field of at most <paramref name="maxBytes"/>, read whole (400 when longer).</summary>
    public static async Task<string> ReadFieldAsync(string name, Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        if (filled > maxBytes)
        {
            throw new ValidationException(name, $"The field is longer than {maxBytes} bytes.");
        }

        return Encoding.UTF8.GetString(buffer, 0, filled);
    }
}
