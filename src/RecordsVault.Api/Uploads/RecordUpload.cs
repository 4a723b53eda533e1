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
/// Reads a multipart upload part by part, streaming the file straight into encrypted blob storage. Nothing is
/// buffered whole, in memory or on disk: ASP.NET's form reader would spool plaintext to a temp file. The fields
/// must come before the file, so that they are validated before any content is stored.
/// </summary>
public sealed partial class RecordUpload(RecordService records, UploadOptions options, TimeProvider clock)
{
    /// <summary>What a record's <c>kind</c> may be: 1 to 64 letters, digits, spaces, '-' or '_'; the OpenAPI form declares the same.</summary>
    public const string KindPatternText = "^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$";

    private static readonly string[] MetadataFields = ["title", "kind", "developedAt"];

    /// <param name="checkFields">
    /// Asked with the fields that came before the file, before anything is validated or stored: the console checks its
    /// antiforgery token here, as it cannot let ASP.NET read (and spool) the whole form first.
    /// </param>
    public async Task<Record> ReadAsync(
        HttpContext http, Case owner, string uploadedBy, CancellationToken cancellationToken,
        Func<IReadOnlyDictionary<string, string>, Task>? checkFields = null)
    {
        var reader = OpenReader(http);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var (name, fileName) = MultipartParts.NameOf(section);
            if (name != "file")
            {
                fields[name] = await MultipartParts.ReadFieldAsync(name, section.Body, MultipartParts.MaxFieldBytes, cancellationToken);
                continue;
            }

            if (checkFields is not null)
            {
                await checkFields(fields);
            }

            var metadata = Validate(fields, fileArrived: true);
            var content = await CheckTypeAsync(section, fileName, cancellationToken);
            await using var pending = await records.StoreAsync(owner, metadata, content, uploadedBy, cancellationToken);
            await ReadTrailingPartsAsync(reader, cancellationToken);
            return await records.CommitAsync(pending, cancellationToken);
        }

        // No file: this throws, naming the file and any field that is also wrong.
        Validate(fields, fileArrived: false);
        throw new ValidationException("file", "A file is required.");
    }

    /// <summary>
    /// Parts after the file: unknown fields are ignored, as they are before it; a second file, or a field that
    /// belongs before the file, refuses the upload (and its stored content is discarded).
    /// </summary>
    private static async Task ReadTrailingPartsAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var (name, _) = MultipartParts.NameOf(section);
            if (name == "file")
            {
                throw new ValidationException("file", "Send exactly one file.");
            }

            if (MetadataFields.Contains(name))
            {
                throw new ValidationException(name, $"The {name} field must come before the file part, and be sent once.");
            }

            await MultipartParts.ReadFieldAsync(name, section.Body, MultipartParts.MaxFieldBytes, cancellationToken);
        }
    }

    private MultipartReader OpenReader(HttpContext http)
    {
        var boundary = MultipartParts.Boundary(http.Request, "Send the record as multipart/form-data with the fields title, kind and developedAt, then the file.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Room for the file plus the other fields and multipart framing; the file itself is counted exactly.
            sizeFeature.MaxRequestBodySize = options.MaxBytes + 1024 * 1024;
        }

        return new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = null };
    }

    /// <summary>Declared type and first bytes must agree before anything is stored (415 otherwise).</summary>
    private async Task<RecordContent> CheckTypeAsync(MultipartSection section, string? fileName, CancellationToken cancellationToken)
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

        return ContentTypes.Matches(contentType, head.AsSpan(0, filled), isWholeFile: filled < head.Length)
            ? new RecordContent(contentType, head.AsMemory(0, filled), section.Body, options.MaxBytes)
            : throw new UnsupportedContentException($"The file's bytes are not {contentType}.");
    }

    /// <summary>
    /// The fields sent before the file. A field missing when the file arrives was forgotten or sent after it;
    /// either way the upload is refused before its content is stored, and the message says the order matters.
    /// </summary>
    private NewRecord Validate(Dictionary<string, string> fields, bool fileArrived)
    {
        var errors = new Dictionary<string, string[]>();
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

        if (!fileArrived)
        {
            errors["file"] = ["A file is required."];
        }

        foreach (var missing in MetadataFields.Where(f => fileArrived && !fields.ContainsKey(f)))
        {
            errors[missing] = [$"The {missing} field must come before the file part: title, kind and developedAt are checked before any content is stored."];
        }

        return errors.Count == 0 ? new NewRecord(title!, kind!, developedAt) : throw new ValidationException(errors);
    }

    [GeneratedRegex(KindPatternText)]
    private static partial Regex KindPattern();
}
