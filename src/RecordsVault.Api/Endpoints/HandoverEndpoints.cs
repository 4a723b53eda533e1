using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Handover;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// Grant-end handover, for ORR officials: a provider's cases move to ORR or a successor inside the vault, or leave
/// as a signed export for another vault (docs/archive.md). The same services as <c>./run.sh handover</c>.
/// </summary>
public static class HandoverEndpoints
{
    public static IEndpointRouteBuilder MapHandoverEndpoints(this IEndpointRouteBuilder app)
    {
        var handovers = app.MapGroup("/handovers").WithTags("Handover");
        handovers.MapPost("/", TransferAsync)
            .RequireOperation(Operation.HandoverTransfer)
            .WithAudit("handover.request")
            .ProducesValidationProblem()
            .ProducesProblem(409);
        handovers.MapPost("/export", ExportAsync)
            .RequireOperation(Operation.HandoverExport)
            .WithAudit("handover.export.request")
            .WithDescription("Answers a ZIP: the records' original files, manifest.csv (the archive format, with holds), cases.json and signature.json.")
            .Produces(200, contentType: "application/zip")
            .ProducesValidationProblem()
            .TakesTransferSlot();
        return app;
    }

    private static async Task<Ok<HandoverResponse>> TransferAsync(
        HandoverRequest request, HttpContext http, Caller caller, HandoverTransfer transfer, IAuthorizationService authorization,
        CancellationToken cancellationToken)
    {
        var selection = await SelectAsync(request, http, Operation.HandoverTransfer, authorization);
        var to = request.To is { } successor && Organizations.IsValidId(successor)
            ? successor
            : throw new ValidationException("to", "The successor organization's id is required: lowercase letters, digits and '-'.");
        var result = await transfer.TransferAsync(selection, to, Actor(caller), http.TraceIdentifier, null, cancellationToken);
        return TypedResults.Ok(new HandoverResponse(result.From, result.To, result.Transferred, result.Batches));
    }

    private static async Task ExportAsync(
        HandoverRequest request, HttpContext http, Caller caller, HandoverExport export, IAuthorizationService authorization,
        CancellationToken cancellationToken)
    {
        var selection = await SelectAsync(request, http, Operation.HandoverExport, authorization);
        var response = http.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = $"attachment; filename=\"handover-{selection.From}.zip\"";

        // ZipArchive writes its local headers synchronously; only this response may.
        http.Features.GetRequiredFeature<IHttpBodyControlFeature>().AllowSynchronousIO = true;
        try
        {
            await export.ExportAsync(selection, new ExportTarget.Zip(response.Body), Actor(caller), http.TraceIdentifier, null, cancellationToken);
        }
        catch when (!response.HasStarted)
        {
            // Refused before the first byte (a bad case id, storage down): the problem answer is no attachment.
            response.Headers.ContentDisposition = default;
            throw;
        }
        catch
        {
            // A file that fails its check, or storage gone mid-way: the ZIP has no central directory, so the
            // recipient holds an unreadable file, never a shorter export that looks whole.
            http.Abort();
            throw;
        }
    }

    private static async Task<HandoverSelection> SelectAsync(
        HandoverRequest request, HttpContext http, Operation operation, IAuthorizationService authorization)
    {
        var from = request.From is { } source && Organizations.IsValidId(source)
            ? source
            : throw new ValidationException("from", "The provider's organization id is required: lowercase letters, digits and '-'.");
        await authorization.RequireAsync(http, OrganizationScope.Only(from), operation, "The organization");
        var filter = new CaseFilter(
            CaseNumber: CaseValidation.ParseCaseNumberPrefix(request.CaseNumber),
            Held: request.Held,
            State: CaseValidation.ParseStateFilter(request.State));
        return new HandoverSelection(from, filter, request.CaseIds is null ? null : IdList.Required(request.CaseIds, "caseIds", 10_000));
    }

    private static AuditActor Actor(Caller caller) => new(caller.Subject, caller.Organization, caller.Roles);
}

/// <summary>Which of a provider's cases a handover takes: all that are not disposed, or those matching every filter given.</summary>
public sealed record HandoverRequest(
    string? From, string? To, IReadOnlyList<string>? CaseIds, string? CaseNumber, string? State, bool? Held);

/// <summary>What a transfer moved.</summary>
public sealed record HandoverResponse(string From, string To, int Transferred, int Batches);
