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
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Api.Console.Pages.Disclosures;

/// <summary>One disclosure as <c>GET /disclosures/{id}</c>, with its packet and bundle downloads streamed as the API's.</summary>
[Audit("GET", "disclosure.read", AuditRouteId.Target)]
[Audit("GET", "disclosure.packet", AuditRouteId.Target, Handler = "packet")]
[Audit("GET", "disclosure.bundle", AuditRouteId.Target, Handler = "bundle")]
[Transfer("Packet", "Bundle")]
public sealed class DisclosureModel(DisclosureService disclosures, PacketStore packets, IAuthorizationService authorization) : PageModel
{
    public DisclosureRequest Disclosure { get; private set; } = null!;
    public bool MayPacket { get; private set; }
    public bool MayBundle { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Disclosure = await FindAsync(id, Operation.DisclosureRead, cancellationToken);
        MayPacket = await authorization.MayAsync(User, Disclosure, Operation.DisclosurePacket);
        MayBundle = await authorization.MayAsync(User, Disclosure, Operation.DisclosureBundle);
    }

    public async Task<IActionResult> OnGetPacketAsync(string id, [FromServices] ILogger<VerifiedContentResult> logger, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, Operation.DisclosurePacket, cancellationToken);
        var packet = request.Packet!;
        var content = await packets.OpenAsync(request.Id, packet, cancellationToken);
        return new ActionFromResult(new VerifiedContentResult(
            new DownloadDescription("application/pdf", packet.Size, packet.Sha256, "X-Packet-SHA256", $"disclosure-{request.Id}.pdf", $"disclosure {request.Id}"),
            content, logger));
    }

    public async Task<IActionResult> OnGetBundleAsync(string id, [FromServices] RecordService records, [FromServices] ILogger<BundleResult> logger, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, Operation.DisclosureBundle, cancellationToken);
        var included = new List<Core.Records.Record>();
        foreach (var disclosed in request.Records)
        {
            included.Add(await records.FindAsync(disclosed.RecordId, cancellationToken)
                ?? throw new GoneException($"Record {disclosed.RecordId} of this disclosure no longer exists; the packet still holds it."));
        }

        await records.RevealTitlesAsync(included, cancellationToken);
        return new ActionFromResult(new BundleResult($"disclosure-{request.Id}", ct => packets.OpenAsync(request.Id, request.Packet!, ct), included, records, logger));
    }

    private async Task<DisclosureRequest> FindAsync(string id, Operation operation, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, operation);
        var request = await disclosures.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The disclosure");
        await authorization.RequireAsync(HttpContext, request, operation, "The disclosure");
        return request;
    }
}
