using Microsoft.AspNetCore.Mvc;

namespace RecordsVault.Api.Console;

/// <summary>Lets a page answer with one of the API's results (a verified download), so both stream the same way.</summary>
public sealed class ActionFromResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
