using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Identity;

namespace RecordsVault.Api.Console.Pages;

/// <summary>
/// Local mode's sign-in: the user names themselves, their organization and roles, and gets a cookie carrying the
/// same claims a local token would. Never in the Production environment. In Entra ID mode this page sends the user to
/// Entra ID instead (OpenID Connect), and the form is never offered.
/// </summary>
public sealed class SignInModel(IOptions<VaultIdentityOptions> identity, IWebHostEnvironment environment, IConfiguration configuration) : PageModel
{
    public static readonly IReadOnlyList<string> AllRoles = [Core.Access.Roles.Caseworker, Core.Access.Roles.RecordsManager, Core.Access.Roles.OrrOfficial, Core.Access.Roles.OrrDesignee, Core.Access.Roles.Auditor];

    public bool Available => identity.Value.IsLocal && !environment.IsProduction();

    /// <summary>Entra ID mode without the console's client secret: the API serves, the console cannot sign anyone in.</summary>
    public bool EntraNotSetUp => identity.Value.Mode == "EntraId" && !ConsoleSetup.EntraSignIn(configuration);

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Organization { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (ConsoleSetup.EntraSignIn(configuration))
        {
            return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() }, ConsoleSetup.EntraScheme);
        }

        if (!Available)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Available)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Name = Name?.Trim();
        Organization = Organization?.Trim();
        if (string.IsNullOrEmpty(Name) || Name.Length > 100)
        {
            ModelState.AddModelError(nameof(Name), "Enter a user name of at most 100 characters.");
        }

        if (string.IsNullOrEmpty(Organization) || Organization.Length > 100)
        {
            ModelState.AddModelError(nameof(Organization), "Enter an organization of at most 100 characters.");
        }

        if (Roles.Count == 0 || Roles.Any(r => !AllRoles.Contains(r)))
        {
            ModelState.AddModelError(nameof(Roles), "Choose at least one of the roles listed.");
        }

        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Claim[] claims = [new(TokenClaims.Subject, Name!), new(identity.Value.OrgClaim, Organization!), .. Roles.Distinct().Select(r => new Claim(TokenClaims.Roles, r))];
        await HttpContext.SignInAsync(ConsoleSetup.Scheme, TokenClaims.Principal(claims, "Local"));
        return LocalRedirect(SafeReturnUrl());
    }

    /// <summary>Back to the console page the user asked for, never anywhere else.</summary>
    private string SafeReturnUrl() =>
        ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith(ConsoleSetup.Path, StringComparison.Ordinal) ? url : ConsoleSetup.Path;
}
