using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RecordsVault.Api.OpenApi;

/// <summary>The title, description, servers and tag descriptions: what a client reads before any route.</summary>
public sealed class DocumentInfo : IOpenApiDocumentTransformer
{
    private const string Description = """
        A secure vault for the case records of unaccompanied children's post-release services.

        Every route but `/health`, `/health/ready` and this document needs a bearer token (a JWT) whose `roles`
        claim holds a vault role and whose `org` claim names the caller's organization. A provider's caller
        sees only its own organization's cases: any other case answers 404, never 403, so that its existence
        does not leak. Errors are RFC 9457 `application/problem+json`; a 400 carries a field-level `errors` map.
        """;

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Cases"] = "Open a case and read the cases the caller may see.",
        ["Records"] = "Upload a case's records, read their metadata and stream their original bytes.",
        ["Lifecycle"] = "Close and reopen cases, retention dates, the retention sweep, and reviewed disposition.",
        ["Holds"] = "Legal holds that keep cases from disposition.",
        ["Disclosures"] = "ORR disclosure requests and their PDF packets.",
        ["Releases"] = "A provider's releases of records to a third party, approved by ORR when any record is ORR-owned.",
        ["Audit"] = "The hash-chained audit trail and its verification.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "RecordsVault API";
        document.Info.Description = Description;

        // The generated URL ends in '/' when the app has no path base, which a client joins into "//cases".
        var servers = document.Servers ??= [];
        foreach (var server in servers)
        {
            server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
        }

        if (servers.Count == 0)
        {
            // A document generated outside a request has no host to name: clients resolve "/" against where they read it.
            servers.Add(new OpenApiServer { Url = "/" });
        }

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description ??= description;
            }
        }

        return Task.CompletedTask;
    }
}
