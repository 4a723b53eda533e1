using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using RecordsVault.Core.Errors;

namespace RecordsVault.Api.Console;

/// <summary>
/// Turns the vault's exceptions into console pages with the status the API would answer: a refusal of either kind
/// is one "you may not see this" page (404 or 403, never saying whether the thing exists), and a rule the action
/// broke (409, 410, 400, 413, 415) is shown with its message. The rest goes on to the exception handler.
/// </summary>
public sealed class ConsoleErrors : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } exception || ToPage(exception) is not (var status, { } view, var message))
        {
            return;
        }

        executed.ExceptionHandled = true;
        var data = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { ["Message"] = message };
        executed.Result = new PartialViewResult { ViewName = view, StatusCode = status, ViewData = data };
    }

    private static (int Status, string? View, string? Message) ToPage(Exception exception) => exception switch
    {
        NotFoundException => (404, "_Denied", null),
        ForbiddenException => (403, "_Denied", null),
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => (400, "_Problem", "The form has expired or did not come from this console. Reload the page and try again."),
        BadHttpRequestException { StatusCode: 413 } => (413, "_Problem", "The file is too large."),
        ValidationException v => (400, "_Problem", string.Join(" ", v.Errors.SelectMany(e => e.Value))),
        ConflictException c => (409, "_Problem", c.Message),
        Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (409, "_Problem", "The case changed meanwhile (for example, a hold was applied). Go back, reload and try again."),
        GoneException g => (410, "_Problem", g.Message),
        PayloadTooLargeException p => (413, "_Problem", p.Message),
        UnsupportedContentException u => (415, "_Problem", u.Message),
        _ => (500, null, null),
    };
}
