using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Disclosures;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// ORR's requests for case files (docs/domain.md rule 5). Only the requesting official and the named designee,
/// while their access lasts, may see a request; to everyone else it does not exist (404).
/// </summary>
public static class DisclosureEndpoints
{
    public static IEndpointRouteBuilder MapDisclosureEndpoints(this IEndpointRouteBuilder app)
    {
        var disclosures = app.MapGroup("/disclosures").WithTags("Disclosures");
        disclosures.MapPost("/", CreateAsync)
            .RequireOperation(Operation.DisclosureCreate)
            .WithAudit("disclosure.create")
            .ProducesValidationProblem()
            .ProducesProblem(409)
            .TakesTransferSlot();
        disclosures.MapGet("/{id}", GetAsync)
            .RequireOperation(Operation.DisclosureRead)
            .WithAudit("disclosure.read", AuditRouteId.Target);
        disclosures.MapGet("/{id}/packet", PacketAsync)
            .RequireOperation(Operation.DisclosurePacket)
            .WithAudit("disclosure.packet", AuditRouteId.Target)
            .Produces(200, contentType: "application/pdf")
            .TakesTransferSlot();
        disclosures.MapGet("/{id}/bundle", BundleAsync)
            .RequireOperation(Operation.DisclosureBundle)
            .WithAudit("disclosure.bundle", AuditRouteId.Target)
            .Produces(200, contentType: "application/zip")
            .ProducesProblem(410)
            .TakesTransferSlot();
        return app;
    }

    private static async Task<Created<DisclosureResponse>> CreateAsync(
        CreateDisclosureRequest request, HttpContext http, Caller caller, CaseService cases, DisclosureService disclosures,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var purpose = Text.Required(request.Purpose, "purpose", 1000);
        var designee = request.Designee is null ? null : Text.Required(request.Designee, "designee", 256);
        var caseIds = IdList.Required(request.CaseIds, "caseIds", 500);
        foreach (var found in await cases.FindManyAsync(caseIds, "Case", cancellationToken))
        {
            await authorization.RequireAsync(http, found, Operation.DisclosureCreate, $"Case {found.Id}");
        }

        var created = await disclosures.CreateAsync(caseIds, purpose, designee, caller.Subject, cancellationToken);
        return TypedResults.Created($"/disclosures/{created.Id}", DisclosureResponse.From(created));
    }

    private static async Task<Ok<DisclosureResponse>> GetAsync(
        string id, HttpContext http, DisclosureService disclosures, IAuthorizationService authorization, CancellationToken cancellationToken) =>
        TypedResults.Ok(DisclosureResponse.From(await FindAsync(id, Operation.DisclosureRead, http, disclosures, authorization, cancellationToken)));

    private static async Task<VerifiedContentResult> PacketAsync(
        string id, HttpContext http, DisclosureService disclosures, PacketStore packets, IAuthorizationService authorization,
        ILogger<VerifiedContentResult> logger, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, Operation.DisclosurePacket, http, disclosures, authorization, cancellationToken);
        var packet = request.Packet!;
        var content = await packets.OpenAsync(request.Id, packet, cancellationToken);
        return new VerifiedContentResult(
            new DownloadDescription("application/pdf", packet.Size, packet.Sha256, "X-Packet-SHA256", $"disclosure-{request.Id}.pdf", $"disclosure {request.Id}"),
            content, logger);
    }

    private static async Task<BundleResult> BundleAsync(
        string id, HttpContext http, DisclosureService disclosures, PacketStore packets, RecordService records,
        IAuthorizationService authorization, ILogger<BundleResult> logger, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, Operation.DisclosureBundle, http, disclosures, authorization, cancellationToken);
        var included = new List<Core.Records.Record>();
        foreach (var disclosed in request.Records)
        {
            included.Add(await records.FindAsync(disclosed.RecordId, cancellationToken)
                ?? throw new GoneException($"Record {disclosed.RecordId} of this disclosure no longer exists; the packet still holds it."));
        }

        await records.RevealTitlesAsync(included, cancellationToken);
        return new BundleResult($"disclosure-{request.Id}", ct => packets.OpenAsync(request.Id, request.Packet!, ct), included, records, logger);
    }

    private static async Task<DisclosureRequest> FindAsync(
        string id, Operation operation, HttpContext http, DisclosureService disclosures, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var request = await disclosures.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The disclosure");
        await authorization.RequireAsync(http, request, operation, "The disclosure");
        return request;
    }
}
