using Microsoft.AspNetCore.Http.HttpResults;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Disclosures;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// A provider's releases to third parties (DOMAIN.md rule 4). ORR-owned records need ORR's approval
/// first; until then the packet answers 409. A release is visible to its provider's records managers
/// and to ORR officials.
/// </summary>
public static class ReleaseEndpoints
{
    public static IEndpointRouteBuilder MapReleaseEndpoints(this IEndpointRouteBuilder app)
    {
        var releases = app.MapGroup("/releases").WithTags("Releases");
        releases.MapPost("/", CreateAsync).WithAudit("release.create").RequireAuthorization(Policies.RecordsManager).ProducesValidationProblem().ProducesProblem(404);
        releases.MapPost("/{id}/approve", ApproveAsync).WithAudit("release.approve", AuditRouteId.Target).RequireAuthorization(Policies.OrrOfficial).ProducesProblem(404).ProducesProblem(409);
        releases.MapGet("/{id}", GetAsync).WithAudit("release.read", AuditRouteId.Target).RequireAuthorization(Policies.RetentionManager).ProducesProblem(404);
        releases.MapGet("/{id}/packet", PacketAsync).WithAudit("release.packet", AuditRouteId.Target).RequireAuthorization(Policies.RetentionManager)
            .Produces(200, contentType: "application/pdf").ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Created<ReleaseResponse>> CreateAsync(
        CreateReleaseRequest request, Caller caller, ReleaseService releases, CancellationToken cancellationToken)
    {
        var recipient = Text.Required(request.Recipient, "recipient", 200);
        var purpose = Text.Required(request.Purpose, "purpose", 1000);
        if (request.RecordIds is not { Count: > 0 and <= 500 } recordIds || recordIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ValidationException("recordIds", "Between 1 and 500 record ids are required.");
        }

        var created = await releases.CreateAsync(recordIds, recipient, purpose, caller.Organization, caller.Subject, cancellationToken);
        return TypedResults.Created($"/releases/{created.Id}", ReleaseResponse.From(created));
    }

    private static async Task<Ok<ReleaseResponse>> ApproveAsync(string id, Caller caller, ReleaseService releases, CancellationToken cancellationToken)
    {
        if (!caller.IsOrrOfficial)
        {
            throw new NotFoundException("The release");
        }

        return TypedResults.Ok(ReleaseResponse.From(await releases.ApproveAsync(id, caller.Subject, cancellationToken)));
    }

    private static async Task<Ok<ReleaseResponse>> GetAsync(string id, Caller caller, ReleaseService releases, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReleaseResponse.From(await FindVisibleAsync(id, caller, releases, cancellationToken)));

    private static async Task<VerifiedContentResult> PacketAsync(
        string id, Caller caller, ReleaseService releases, PacketStore packets, ILogger<VerifiedContentResult> logger, CancellationToken cancellationToken)
    {
        var release = await FindVisibleAsync(id, caller, releases, cancellationToken);
        if (release.Status != ReleaseStatus.Available || release.Packet is not { } packet)
        {
            throw new ConflictException("The release includes ORR-owned records and waits for ORR's approval.");
        }

        var content = await packets.OpenAsync(release.Id, packet, cancellationToken);
        return new VerifiedContentResult(
            new DownloadDescription("application/pdf", packet.Size, packet.Sha256, "X-Packet-SHA256", $"release-{release.Id}.pdf", $"release {release.Id}"),
            content, logger);
    }

    private static async Task<ReleaseRequest> FindVisibleAsync(string id, Caller caller, ReleaseService releases, CancellationToken cancellationToken)
    {
        var release = await releases.FindAsync(id, cancellationToken);
        return release is not null && (caller.IsOrrOfficial
                || caller.Roles.Contains(Core.Access.Roles.RecordsManager) && release.OrganizationId == caller.Organization)
            ? release
            : throw new NotFoundException("The release");
    }
}
