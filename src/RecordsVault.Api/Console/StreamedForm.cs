using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RecordsVault.Api.Console;

/// <summary>
/// On a page that reads its multipart body itself: keeps model binding from reading (and spooling to disk) the
/// whole form first. The page then checks its antiforgery token itself, from the part that precedes the file.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StreamedFormAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        foreach (var form in factories.Where(f => f is FormValueProviderFactory or FormFileValueProviderFactory or JQueryFormValueProviderFactory).ToList())
        {
            factories.Remove(form);
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
