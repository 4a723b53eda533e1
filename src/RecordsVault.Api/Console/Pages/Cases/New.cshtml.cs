using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Endpoints;
using RecordsVault.Core.Access;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Cases;

namespace RecordsVault.Api.Console.Pages.Cases;

/// <summary>Opens a case in the user's organization, with the validation of <c>POST /cases</c>.</summary>
[Audit("POST", "case.create")]
public sealed class NewCaseModel(CaseService cases, Caller caller, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    [BindProperty] public string? CaseNumber { get; set; }
    [BindProperty] public string? State { get; set; }
    [BindProperty] public DateOnly? ReleaseDate { get; set; }
    [BindProperty] public DateOnly? ChildDateOfBirth { get; set; }
    [BindProperty] public PrsType? PrsType { get; set; }
    [BindProperty] public int? PrsLevel { get; set; }

    public Task OnGetAsync() => authorization.RequireOperationAsync(User, Operation.CaseCreate);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await authorization.RequireOperationAsync(User, Operation.CaseCreate);
        await authorization.RequireAsync(HttpContext, OrganizationScope.Only(caller.Organization), Operation.CaseCreate, "The organization");
        NewCase request;
        try
        {
            request = new CreateCaseRequest(CaseNumber, State, ReleaseDate, ChildDateOfBirth, PrsType, PrsLevel)
                .ToNewCase(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        }
        catch (ValidationException invalid)
        {
            ModelState.Clear();
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, message);
                }
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var created = await cases.CreateAsync(request, caller.Organization, caller.Subject, cancellationToken);
        return Redirect($"/console/cases/{created.Id}");
    }
}
