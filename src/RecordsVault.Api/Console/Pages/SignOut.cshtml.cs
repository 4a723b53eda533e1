using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RecordsVault.Api.Console.Pages;

/// <summary>
/// Ends the console session; only by a form post, so no link elsewhere can sign a user out. In Entra ID mode the
/// Entra session ends too (OpenID Connect RP-initiated logout), so the next visit asks for the user again.
/// </summary>
public sealed class SignOutModel(IConfiguration configuration) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (ConsoleSetup.EntraSignIn(configuration))
        {
            return SignOut(new AuthenticationProperties { RedirectUri = "/console/signin" }, ConsoleSetup.Scheme, ConsoleSetup.EntraScheme);
        }

        await HttpContext.SignOutAsync(ConsoleSetup.Scheme);
        return RedirectToPage("/SignIn");
    }
}
