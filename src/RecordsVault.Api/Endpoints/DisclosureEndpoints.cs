using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Disclosures;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// ORR's requests for case files (DOMAIN.md rule 5). Only the requesting official and the named designee,
/// while their access lasts, may see a request; to everyone else it does not exist (404).
/// </summary>
public static class DisclosureEndpoints
{
    public static IEndpointRouteBuilder MapDisclosureEndpoints(this IEndpointRouteBuilder app)
    {
        var disclosures = app.MapGroup("/disclosures").WithTags("Disclosures");
        disclosures.MapPost("/", CreateAsync).WithAudit("disclosure.create").RequireAuthorization(Policies.OrrOfficial).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        disclosures.MapGet("/{id}", GetAsync).WithAudit("disclosure.read", AuditRouteId.Target).RequireAuthorization(Policies.DisclosureReader).ProducesProblem(404);
        disclosures.MapGet("/{id}/packet", PacketAsync).WithAudit("disclosure.packet", AuditRouteId.Target).RequireAuthorization(Policies.DisclosureReader)
            .Produces(200, contentType: "application/pdf").ProducesProblem(404);
        disclosures.MapGet("/{id}/bundle", BundleAsync).WithAudit("disclosure.bundle", AuditRouteId.Target).RequireAuthorization(Policies.DisclosureReader)
            .Produces(200, contentType: "application/zip").ProducesProblem(404);
        return app;
    }

    private static async Task<Created<DisclosureResponse>> CreateAsync(
        CreateDisclosureRequest request, HttpContext http, Caller caller, CaseService cases, DisclosureService disclosures,
        AuditTrail trail, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var purpose = Text.Required(request.Purpose, "purpose", 1000);
        var designee = request.Designee is null ? null : Text.Required(request.Designee, "designee", 256);
        if (request.CaseIds is not { Count: > 0 and <= 500 } caseIds || caseIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ValidationException("caseIds", "Between 1 and 500 case ids are required.");
        }

        foreach (var caseId in caseIds)
        {
            var found = await cases.FindAsync(caseId, cancellationToken) ?? throw new NotFoundException($"Case {caseId}");
            await authorization.RequireAsync(http, found, CaseOperation.Read, $"Case {caseId}");
            trail.AddCase(found.Id, found.OrganizationId);
        }

        var created = await disclosures.CreateAsync(caseIds, purpose, designee, caller.Subject, cancellationToken);
        return TypedResults.Created($"/disclosures/{created.Id}", DisclosureResponse.From(created));
    }

    private static async Task<Ok<DisclosureResponse>> GetAsync(string id, Caller caller, DisclosureService disclosures, CancellationToken cancellationToken) =>
        TypedResults.Ok(DisclosureResponse.From(await FindVisibleAsync(id, caller, disclosures, cancellationToken)));

    private static async Task<VerifiedContentResult> PacketAsync(
        string id, Caller caller, DisclosureService disclosures, PacketStore packets, ILogger<VerifiedContentResult> logger, CancellationToken cancellationToken)
    {
        var request = await FindVisibleAsync(id, caller, disclosures, cancellationToken);
        var packet = request.Packet!;
        var content = await packets.OpenAsync(request.Id, packet, cancellationToken);
        return new VerifiedContentResult(
            new DownloadDescription("application/pdf", packet.Size, packet.Sha256, "X-Packet-SHA256", $"disclosure-{request.Id}.pdf", $"disclosure {request.Id}"),
            content, logger);
    }

    private static async Task<BundleResult> BundleAsync(
        string id, Caller caller, DisclosureService disclosures, PacketStore packets, RecordService records,
        ILogger<BundleResult> logger, CancellationToken cancellationToken)
    {
        var request = await FindVisibleAsync(id, caller, disclosures, cancellationToken);
        var included = new List<Core.Records.Record>();
        foreach (var disclosed in request.Records)
        {
            included.Add(await records.FindAsync(disclosed.RecordId, cancellationToken)
                ?? throw new GoneException($"Record {disclosed.RecordId} of this disclosure no longer exists; the packet still holds it."));
        }

        return new BundleResult($"disclosure-{request.Id}", ct => packets.OpenAsync(request.Id, request.Packet!, ct), included, records, logger);
    }

    private static async Task<DisclosureRequest> FindVisibleAsync(string id, Caller caller, DisclosureService disclosures, CancellationToken cancellationToken)
    {
        var request = await disclosures.FindAsync(id, cancellationToken);
        return request is not null && disclosures.MaySee(request, caller.Subject, caller.IsOrrOfficial, caller.Roles.Contains(Roles.OrrDesignee))
            ? request
            : throw new NotFoundException("The disclosure");
    }
}
