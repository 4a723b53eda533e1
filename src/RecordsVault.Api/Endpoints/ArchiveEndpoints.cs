using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Uploads;
using RecordsVault.Core.Access;
using RecordsVault.Core.Archive;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Retention;
using RecordsVault.Core.Signing;
using RecordsVault.Infrastructure.Archive;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Keys;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// Bulk archive over HTTP, for a records manager of the organization: the same manifest and importer as
/// <c>./run.sh archive</c>, with the files streamed as parts of the request after the manifest (docs/archive.md).
/// </summary>
public static class ArchiveEndpoints
{
    public const string Usage = "Send multipart/form-data: a `manifest` part (the CSV), then one `file` part per manifest row, its file name the row's `file` path.";

    private const int MaxManifestBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapArchiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/archive", ImportAsync)
            .WithTags("Archive")
            .RequireOperation(Operation.ArchiveImport)
            .WithAudit("archive.request")
            .WithDescription(Usage + " Cases already past retention need confirmPastRetention=true.")
            .DisableAntiforgery()
            .ProducesValidationProblem()
            .ProducesProblem(413)
            .ProducesProblem(415)
            .TakesTransferSlot();
        return app;
    }

    private static async Task<Ok<ArchiveResult>> ImportAsync(
        HttpContext http, Caller caller, ArchiveImporter importer, VaultSigner signer, RetentionPolicy policy, TimeProvider clock,
        IOptions<UploadOptions> uploads, IAuthorizationService authorization, CancellationToken cancellationToken, bool confirmPastRetention = false)
    {
        await authorization.RequireAsync(http, OrganizationScope.Only(caller.Organization), Operation.ArchiveImport, "The organization");
        var reader = new MultipartReader(MultipartParts.Boundary(http.Request, Usage), http.Request.Body) { BodyLengthLimit = null };
        var first = await reader.ReadNextSectionAsync(cancellationToken);
        if (first is null || MultipartParts.NameOf(first).Name != "manifest")
        {
            throw new ValidationException("manifest", "The manifest part must come first. " + Usage);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var manifest = ArchiveManifest.Read(
            new StringReader(await MultipartParts.ReadFieldAsync("manifest", first.Body, MaxManifestBytes, cancellationToken)), _ => true, today);
        Check(manifest, policy, today, confirmPastRetention);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Room for every file at its largest, with framing: each file is still counted exactly as it streams.
            size.MaxRequestBodySize = MaxManifestBytes + (manifest.RecordCount + 1) * (uploads.Value.MaxBytes + 64 * 1024);
        }

        var actor = new AuditActor(caller.Subject, caller.Organization, caller.Roles);
        var run = new ArchiveRun(uploads.Value.MaxBytes, StopOnError: false, http.TraceIdentifier);
        var receipt = await importer.ImportStreamedAsync(manifest, Parts(reader, cancellationToken), actor, run, cancellationToken);
        return TypedResults.Ok(new ArchiveResult(receipt, await signer.SignAsync(receipt, cancellationToken)));
    }

    /// <summary>Everything the API can check before a file arrives: the manifest's rules, each path listed once, and the confirmation.</summary>
    private static void Check(ArchiveManifest manifest, RetentionPolicy policy, DateOnly today, bool confirmPastRetention)
    {
        var problems = manifest.Problems.Select(p => p.ToString()).ToList();
        problems.AddRange(manifest.Entries.SelectMany(e => e.Records).GroupBy(r => r.File).Where(g => g.Count() > 1)
            .Select(g => $"line {g.ElementAt(1).Line}: {g.Key} is listed for two cases; over the API each file is sent once, so list it once."));
        if (problems.Count > 0)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["manifest"] = [.. problems] });
        }

        var due = manifest.PastRetention(policy, today);
        if (due.Count > 0 && !confirmPastRetention)
        {
            throw new ValidationException(
                "confirmPastRetention",
                $"{due.Count} cases are already past retention and become eligible for disposal at the next sweep "
                + $"({string.Join(", ", due.Take(10).Select(e => e.Case.CaseNumber))}); send confirmPastRetention=true to archive them. Nothing was stored.");
        }
    }

    private static async IAsyncEnumerable<ArchivePart> Parts(
        MultipartReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var (name, fileName) = MultipartParts.NameOf(section);
            if (name != "file" || string.IsNullOrEmpty(fileName))
            {
                throw new ValidationException(name, "After the manifest, only `file` parts, each named by its manifest path. " + Usage);
            }

            yield return new ArchivePart(fileName.Replace('\\', '/'), section.Body);
        }
    }
}

/// <summary>What <c>POST /archive</c> answers: the receipt, and the same receipt signed (a JWS to keep and check with the published key).</summary>
public sealed record ArchiveResult(ArchiveReceipt Receipt, SignedDocument SignedReceipt);
