using RecordsVault.Api.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Api.Console.Pages.Records;

/// <summary>A record's content, decrypted and checked against its digest while it streams, as <c>GET /records/{id}/content</c>.</summary>
[Audit("GET", "record.content", AuditRouteId.Record)]
[Transfer]
public sealed class ContentModel(RecordService records, IAuthorizationService authorization, ILogger<VerifiedContentResult> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.RecordContent);
        var record = await records.FindAsync(id, cancellationToken) ?? throw new NotFoundException("The record");
        await authorization.RequireAsync(HttpContext, record, Operation.RecordContent, "The record");
        var content = await records.OpenContentAsync(record, cancellationToken);
        return new ActionFromResult(new VerifiedContentResult(DownloadDescription.For(record), content, logger));
    }
}
