using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using RecordsVault.Core.Errors;

namespace RecordsVault.Api.Errors;

/// <summary>The one place where exceptions become RFC 9457 problem responses, without stack traces or secrets.</summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(Unwrap(exception));
        if (problem.Status >= 500)
        {
            LogServerError(logger, problem.Status ?? 500, problem.Title ?? "error", exception.GetType().Name, exception);
        }

        if (httpContext.Response.HasStarted)
        {
            httpContext.Abort();
            return true;
        }

        // Whatever the endpoint wrote before it failed, and no byte of which has left, must not go out ahead of the problem.
        httpContext.Features.Get<Audit.AuditedResponseBody>()?.DiscardUnsent();
        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The SDK and the runtime wrap our exceptions; the innermost vault exception decides the answer, else the
    /// first failure of a dependency in the chain (EF's execution strategy wraps a database that went away in an
    /// InvalidOperationException "likely due to a transient failure").
    /// </summary>
    private static Exception Unwrap(Exception exception)
    {
        Exception? dependency = null;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e.GetType().Namespace == typeof(NotFoundException).Namespace)
            {
                return e;
            }

            if (dependency is null && e is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or RequestFailedException)
            {
                dependency = e;
            }

            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                return Unwrap(aggregate.InnerExceptions[0]);
            }

            // The Azure SDK gives up after its retries with one exception per try ("Retry failed after 6 tries"):
            // the last try decides, so that storage gone mid-upload answers 503, not 500.
            if (e is AggregateException { InnerExceptions.Count: > 1 } retries
                && retries.InnerExceptions.All(i => i.GetType() == retries.InnerExceptions[^1].GetType()))
            {
                return Unwrap(retries.InnerExceptions[^1]);
            }
        }

        return dependency ?? exception;
    }

    private static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ValidationException v => new ValidationProblemDetails(v.Errors.ToDictionary()) { Status = 400, Title = "One or more fields are invalid." },
        BadHttpRequestException { StatusCode: 413 } => Problem(413, "The request is too large."),
        BadHttpRequestException b => new ValidationProblemDetails(BadRequestErrors(b)) { Status = 400, Title = "The request could not be read." },
        NotFoundException n => Problem(404, n.Message),
        ForbiddenException f => Problem(403, f.Message),
        Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => Problem(409, "The case changed while this request ran (for example, a hold was applied). Reload and try again."),
        ConflictException c => Problem(409, c.Message),
        GoneException g => Problem(410, g.Message),
        PayloadTooLargeException p => Problem(413, p.Message),
        UnsupportedContentException u => Problem(415, u.Message),
        IntegrityException => Problem(500, "The stored content failed its integrity check."),
        DependencyUnavailableException d => Problem(503, d.Message),
        RequestFailedException => Problem(503, "Blob storage is unavailable."),
        Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: System.Data.Common.DbException { SqlState: "23505" or "40001" or "40P01" } } =>
            Problem(409, "Another request changed this at the same moment, and won. Reload and try again."),
        Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException => Problem(503, "The database is unavailable."),
        _ => Problem(500, "An unexpected error occurred."),
    };

    private static ProblemDetails Problem(int status, string title) => new() { Status = status, Title = title };

    /// <summary>Names the offending field from the JSON path or the parameter, so clients can show it.</summary>
    private static Dictionary<string, string[]> BadRequestErrors(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { Length: > 2 } path })
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            return new() { [field] = ["The value is missing, of the wrong type, or not one of the allowed values."] };
        }

        if (exception.InnerException is JsonException)
        {
            return new() { ["body"] = ["The body is not valid JSON."] };
        }

        var parameter = ParameterName().Match(exception.Message);
        return parameter.Success
            ? new() { [parameter.Groups[1].Value] = ["The value is missing or not valid."] }
            : new() { ["body"] = ["The request body is missing or not valid."] };
    }

    [GeneratedRegex("""parameter "\S+ (\w+)" """, RegexOptions.None, 100)]
    private static partial Regex ParameterName();

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed with {Status} ({Title}): {ExceptionType}")]
    private static partial void LogServerError(ILogger logger, int status, string title, string exceptionType, Exception exception);
}
