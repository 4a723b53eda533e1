using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Uploads;
using RecordsVault.Core.Access;
using RecordsVault.Core.Records;

namespace RecordsVault.Api.OpenApi;

/// <summary>
/// The upload reads its body by hand (<see cref="RecordUpload"/> streams it), so nothing in the handler's
/// signature tells the generator about the form: this transformer writes it out, fields in the order they must be sent.
/// </summary>
public sealed class RecordUploadForm(IOptions<UploadOptions> options) : IOpenApiOperationTransformer
{
    private const string FormData = "multipart/form-data";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // The route names its operation (RequireOperation), whatever its path or handler come to be.
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<OperationMetadata>().Any(m => m.Operation == Operation.RecordUpload))
        {
            return Task.CompletedTask;
        }

        var allowed = string.Join(", ", ContentTypes.Allowed);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "Send `title`, `kind` and `developedAt` before the `file` part: the vault reads the parts in order "
                + "and streams the file straight into encrypted storage, so a file that comes before its fields answers 400.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [FormData] = new OpenApiMediaType
                {
                    Schema = Schema(allowed, options.Value.MaxBytes),
                    Encoding = new Dictionary<string, OpenApiEncoding> { ["file"] = new OpenApiEncoding { ContentType = allowed } },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Schema(string allowed, long maxBytes) => new()
    {
        Type = JsonSchemaType.Object,
        // Ordered, because the order of the properties is the order the parts must come in.
        Properties = new OrderedDictionary<string, IOpenApiSchema>
        {
            ["title"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200,
                Description = "1 to 200 printable characters.",
            },
            ["kind"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Pattern = Uploads.RecordUpload.KindPatternText,
                Description = "What the record is, 1 to 64 letters, digits, spaces, '-' or '_', e.g. `home-study`.",
            },
            ["developedAt"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "date",
                Description = "The day the record was made (yyyy-MM-dd); not in the future.",
            },
            ["file"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "binary",
                Description = $"The record's bytes, at most {maxBytes} bytes (413 beyond). Its part's type is one of {allowed}, "
                    + "or application/octet-stream with a matching file name extension; other types, or bytes that are not "
                    + "of the type, answer 415.",
            },
        },
        Required = new HashSet<string>(StringComparer.Ordinal) { "title", "kind", "developedAt", "file" },
    };
}
