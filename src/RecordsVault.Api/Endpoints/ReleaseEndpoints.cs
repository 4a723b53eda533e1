using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Access;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Disclosures;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// A provider's releases to third parties (docs/domain.md rule 4). ORR-owned records need ORR's approval
/// first; until then the packet answers 409.
/// </summary>
public static class ReleaseEndpoints
{
    public static IEndpointRouteBuilder MapReleaseEndpoints(this IEndpointRouteBuilder app)
    {
        var releases = app.MapGroup("/releases").WithTags("Releases");
        releases.MapPost("/", CreateAsync)
            .RequireOperation(Operation.ReleaseCreate)
            .WithAudit("release.create")
            .ProducesValidationProblem()
            .TakesTransferSlot();
        releases.MapPost("/{id}/approve", ApproveAsync)
            .RequireOperation(Operation.ReleaseApprove)
            .WithAudit("release.approve", AuditRouteId.Target)
            .ProducesProblem(409)
            .TakesTransferSlot();
        releases.MapGet("/{id}", GetAsync)
            .RequireOperation(Operation.ReleaseRead)
            .WithAudit("release.read", AuditRouteId.Target);
        releases.MapGet("/{id}/packet", PacketAsync)
            .RequireOperation(Operation.ReleasePacket)
            .WithAudit("release.packet", AuditRouteId.Target)
            .Produces(200, contentType: "application/pdf")
            .ProducesProblem(409)
            .TakesTransferSlot();
        return app;
    }

    private static async Task<Created<ReleaseResponse>> CreateAsync(
        CreateReleaseRequest request, HttpContext http, Caller caller, RecordService records, ReleaseService releases,
        IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var recipient = Text.Required(request.Recipient, "recipient", 200);
        var purpose = Text.Required(request.Purpose, "purpose", 1000);
        var recordIds = IdList.Required(request.RecordIds, "recordIds", 500);
        var included = new List<Core.Records.Record>();
        foreach (var recordId in recordIds)
        {
            var record = await records.FindAsync(recordId, cancellationToken) ?? throw new NotFoundException($"Record {recordId}");
            await authorization.RequireAsync(http, record, Operation.ReleaseCreate, $"Record {recordId}");
            included.Add(record);
        }

        var created = await releases.CreateAsync(included, recipient, purpose, caller.Subject, cancellationToken);
        return TypedResults.Created($"/releases/{created.Id}", ReleaseResponse.From(created));
    }

    private static async Task<Ok<ReleaseResponse>> ApproveAsync(
        string id, HttpContext http, Caller caller, ReleaseService releases, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var release = await FindAsync(id, Operation.ReleaseApprove, http, releases, authorization, cancellationToken);
        return TypedResults.Ok(ReleaseResponse.From(await releases.ApproveAsync(release.Id, caller.Subject, cancellationToken)));
    }

    private static async Task<Ok<ReleaseResponse>> GetAsync(
        string id, HttpContext http, ReleaseService releases, IAuthorizationService authorization, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReleaseResponse.From(await FindAsync(id, Operation.ReleaseRead, http, releases, authorization, cancellationToken)));

    private static async Task<VerifiedContentResult> PacketAsync(
        string id, HttpContext http, ReleaseService releases, PacketStore packets, IAuthorizationService authorization,
        ILogger<VerifiedContentResult> logger, CancellationToken cancellationToken)
    {
        var release = await FindAsync(id, Operation.ReleasePacket, http, releases, authorization, cancellationToken);
        if (release.Status != ReleaseStatus.Available || release.Packet is not { } packet)
        {
            throw new ConflictException("The release includes ORR-owned records and waits for ORR's approval.");
        }

        var content = await packets.OpenAsync(release.Id, packet, cancellationToken);
        return new VerifiedContentResult(
            new DownloadDescription("application/pdf", packet.Size, packet.Sha256, "X-Packet-SHA256", $"release-{release.Id}.pdf", $"release {release.Id}"),
            content, logger);
    }

    private static async Task<ReleaseRequest> FindAsync(
        string id, Operation operation, HttpContext http, ReleaseService releases, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var release = await releases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The release");
        await authorization.RequireAsync(http, release, operation, "The release");
        return release;
    }
}
