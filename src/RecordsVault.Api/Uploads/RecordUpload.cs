using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Api.Uploads;

/// <summary>
/// Reads a multipart upload section by section, streaming the file straight into encrypted blob storage.
/// Nothing is buffered whole, in memory or on disk: ASP.NET's form reader would spool plaintext to a temp file.
/// </summary>
public sealed partial class RecordUpload(RecordService records, UploadOptions options, TimeProvider clock)
{
    private const int MaxFieldBytes = 4096;

    public async Task<Record> ReadAsync(HttpContext http, Case owner, string uploadedBy, CancellationToken cancellationToken)
    {
        var boundary = Boundary(http.Request);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Room for the file plus the other fields and multipart framing; the file itself is counted exactly below.
            sizeFeature.MaxRequestBodySize = options.MaxBytes + 1024 * 1024;
        }

        var reader = new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = null };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        StoredContent? stored = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
                {
                    throw new ValidationException("body", "Every part needs a form-data content disposition.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (name == "file")
                {
                    if (stored is not null)
                    {
                        throw new ValidationException("file", "Send exactly one file.");
                    }

                    stored = await StoreFileAsync(owner, section, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, cancellationToken);
                }
                else
                {
                    fields[name] = await ReadFieldAsync(name, section.Body, cancellationToken);
                }
            }

            var metadata = Validate(fields, stored);
            return await records.AddAsync(owner, metadata, stored!, uploadedBy, cancellationToken);
        }
        catch when (stored is not null)
        {
            await records.DiscardAsync(stored.BlobName);
            throw;
        }
    }

    private async Task<StoredContent> StoreFileAsync(Case owner, MultipartSection section, string? fileName, CancellationToken cancellationToken)
    {
        var contentType = ContentTypes.Normalize(section.ContentType, fileName)
            ?? throw new UnsupportedContentException($"Allowed content types are: {string.Join(", ", ContentTypes.Allowed)}.");

        var head = new byte[ContentTypes.SniffLength];
        var filled = 0;
        int read;
        while (filled < head.Length && (read = await section.Body.ReadAsync(head.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        if (!ContentTypes.Matches(contentType, head.AsSpan(0, filled), isWholeFile: filled < head.Length))
        {
            throw new UnsupportedContentException($"The file's bytes are not {contentType}.");
        }

        return await records.StoreContentAsync(owner.Id, contentType, head.AsMemory(0, filled), section.Body, options.MaxBytes, cancellationToken);
    }

    private NewRecord Validate(Dictionary<string, string> fields, StoredContent? stored)
    {
        var errors = new Dictionary<string, string[]>();
        if (stored is null)
        {
            errors["file"] = ["A file is required."];
        }

        var title = fields.GetValueOrDefault("title")?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200 || title.Any(char.IsControl))
        {
            errors["title"] = ["A title of 1 to 200 printable characters is required."];
        }

        var kind = fields.GetValueOrDefault("kind")?.Trim();
        if (kind is null || !KindPattern().IsMatch(kind))
        {
            errors["kind"] = ["A kind of 1 to 64 letters, digits, spaces, '-' or '_' is required, e.g. 'home-study'."];
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!DateOnly.TryParseExact(fields.GetValueOrDefault("developedAt"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var developedAt))
        {
            errors["developedAt"] = ["A date in the form yyyy-MM-dd is required."];
        }
        else if (developedAt > today.AddDays(1))
        {
            errors["developedAt"] = ["The date cannot be in the future."];
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : new NewRecord(title!, kind!, developedAt);
    }

    private static async Task<string> ReadFieldAsync(string name, Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        if (filled > MaxFieldBytes)
        {
            throw new ValidationException(name, $"The field is longer than {MaxFieldBytes} bytes.");
        }

        return Encoding.UTF8.GetString(buffer, 0, filled);
    }

    private static string Boundary(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedContentException("Send the record as multipart/form-data with fields file, title, kind and developedAt.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200
            ? throw new ValidationException("body", "The multipart boundary is missing or too long.")
            : boundary;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")]
    private static partial Regex KindPattern();
}
