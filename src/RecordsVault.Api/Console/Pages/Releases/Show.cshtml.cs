using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Disclosures;

namespace RecordsVault.Api.Console.Pages.Releases;

/// <summary>One release as <c>GET /releases/{id}</c>, with ORR's approval and the packet once it is available.</summary>
[Audit("GET", "release.read", AuditRouteId.Target)]
[Audit("POST", "release.approve", AuditRouteId.Target, Handler = "approve")]
[Audit("GET", "release.packet", AuditRouteId.Target, Handler = "packet")]
[Transfer("Approve", "Packet")]
public sealed class ReleaseModel(ReleaseService releases, PacketStore packets, Caller caller, IAuthorizationService authorization) : PageModel
{
    public ReleaseRequest Release { get; private set; } = null!;
    public bool MayApprove { get; private set; }
    public bool MayPacket { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Release = await FindAsync(id, Operation.ReleaseRead, cancellationToken);
        MayApprove = await authorization.MayAsync(User, Release, Operation.ReleaseApprove);
        MayPacket = await authorization.MayAsync(User, Release, Operation.ReleasePacket);
    }

    public async Task<IActionResult> OnPostApproveAsync(string id, CancellationToken cancellationToken)
    {
        var release = await FindAsync(id, Operation.ReleaseApprove, cancellationToken);
        await releases.ApproveAsync(release.Id, caller.Subject, cancellationToken);
        return Redirect($"/console/releases/{Uri.EscapeDataString(id)}");
    }

    public async Task<IActionResult> OnGetPacketAsync(string id, [FromServices] ILogger<VerifiedContentResult> logger, CancellationToken cancellationToken)
    {
        var release = await FindAsync(id, Operation.ReleasePacket, cancellationToken);
        if (release.Status != ReleaseStatus.Available || release.Packet is not { } packet)
        {
            throw new ConflictException("The release includes ORR-owned records and waits for ORR's approval.");
        }

        var content = await packets.OpenAsync(release.Id, packet, cancellationToken);
        return new ActionFromResult(new VerifiedContentResult(
            new DownloadDescription("application/pdf", packet.Size, packet.Sha256, "X-Packet-SHA256", $"release-{release.Id}.pdf", $"release {release.Id}"),
            content, logger));
    }

    private async Task<ReleaseRequest> FindAsync(string id, Operation operation, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, operation);
        var release = await releases.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The release");
        await authorization.RequireAsync(HttpContext, release, operation, "The release");
        return release;
    }
}
