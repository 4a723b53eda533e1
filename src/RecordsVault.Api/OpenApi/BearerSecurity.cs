using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RecordsVault.Api.OpenApi;

/// <summary>
/// Declares the JWT bearer scheme, and on every operation that needs a token, the requirement and its 401.
/// </summary>
public sealed class BearerSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An Entra ID access token, or locally one from `./run.sh token --role ROLE --org ORG`. "
                + "The `roles` claim holds the vault roles (e.g. `Vault.Caseworker`), the `org` claim the caller's organization.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!RequiresToken(context.Description.ActionDescriptor.EndpointMetadata))
        {
            return Task.CompletedTask;
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] },
        ];
        // Replaces the bare "Unauthorized" of a route's ProducesProblem(401): here a 401 only ever means this.
        operation.Responses ??= [];
        operation.Responses["401"] = new OpenApiResponse { Description = "The bearer token is missing, expired or not valid." };
        return Task.CompletedTask;
    }

    /// <summary>
    /// As the authorization middleware decides: only <c>AllowAnonymous</c> skips it. Every other route meets a
    /// policy, its own or the deny-all fallback, and that needs an authenticated caller.
    /// </summary>
    public static bool RequiresToken(IEnumerable<object> endpointMetadata) => !endpointMetadata.OfType<IAllowAnonymous>().Any();
}
