using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RecordsVault.Api.Console.Pages;

/// <summary>Ends the console session; only by a form post, so no link elsewhere can sign a user out.</summary>
public sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleSetup.Scheme);
        return RedirectToPage("/SignIn");
    }
}
