using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RecordsVault.Api.Console.Pages;

/// <summary>
/// Any other address under /console: the same page, and the same 404, as a thing that does not exist. Not a file
/// name: the stylesheet and script are served by the static files middleware only where no endpoint matched.
/// </summary>
public sealed class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
