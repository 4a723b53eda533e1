using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RecordsVault.Api.OpenApi;

/// <summary>
/// Every error the vault answers is RFC 9457 problem+json: the exception handler, the status-code pages and the
/// authentication challenge all write through the problem-details service. So every 4xx and 5xx response in the
/// document says exactly that, with its schema, whichever way the route declared it.
/// </summary>
public sealed class ProblemResponses : IOpenApiDocumentTransformer
{
    public const string ProblemJson = "application/problem+json";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var operations = document.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>());
        foreach (var responses in operations.Select(operation => operation.Responses).OfType<OpenApiResponses>())
        {
            foreach (var (status, response) in responses)
            {
                if (response is not OpenApiResponse errorResponse || !IsError(status))
                {
                    continue;
                }

                var declared = errorResponse.Content?.TryGetValue(ProblemJson, out var problem) == true ? problem.Schema : null;
                var schema = declared ?? await ReferenceAsync(document, context, status == "400" ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), cancellationToken);
                errorResponse.Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = schema } };
            }
        }
    }

    private static bool IsError(string status) => status.Length == 3 && status[0] is '4' or '5';

    /// <summary>A reference to the type's schema in the components, added there if no route has produced it yet.</summary>
    private static async Task<IOpenApiSchema> ReferenceAsync(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, Type type, CancellationToken cancellationToken)
    {
        var id = type.Name;
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent<IOpenApiSchema>(id, await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken));
        }

        return new OpenApiSchemaReference(id, document);
    }
}
