using Microsoft.AspNetCore.OpenApi;

namespace RecordsVault.Api.OpenApi;

/// <summary>What <c>/openapi/v1.json</c> adds to the generated document, so that a client learns the whole contract from it.</summary>
public static class VaultDocument
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer<DocumentInfo>();
        options.AddDocumentTransformer<BearerSecurity>();
        options.AddOperationTransformer<BearerSecurity>();
        options.AddOperationTransformer<RecordUploadForm>();
        // Last, so that it also fills in the 401s that BearerSecurity adds.
        options.AddDocumentTransformer<ProblemResponses>();
    }
}
