using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RecordsVault.Api.Errors;

namespace RecordsVault.ApiTests;

/// <summary>How failures of a dependency become answers: found by ./reliability.sh killing Azurite mid-upload.</summary>
public sealed class ProblemExceptionHandlerTests
{
    [Fact]
    public async Task Blob_storage_gone_after_every_sdk_retry_answers_503_not_500()
    {
        // What the Azure SDK throws when Azurite dies mid-upload: one exception per try.
        var retries = new AggregateException(
            "Retry failed after 3 tries.",
            Enumerable.Range(0, 3).Select(_ => new RequestFailedException("Connection refused (127.0.0.1:10000)")));

        Assert.Equal(503, await StatusForAsync(retries));
    }

    [Fact]
    public async Task Database_gone_under_the_execution_strategy_answers_503_not_500()
    {
        // What EF's retrying strategy throws when PostgreSQL stops under a query: its own wrapper around Npgsql's error.
        var transient = new InvalidOperationException(
            "An exception has been raised that is likely due to a transient failure.",
            new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432"));

        Assert.Equal(503, await StatusForAsync(transient));
    }

    [Theory]
    [InlineData("23505")] // unique violation: two approvals of one disposition both inserting its certificate
    [InlineData("40001")] // serialization failure
    public async Task A_write_that_lost_a_race_on_postgresql_answers_409_not_503(string sqlState)
    {
        var lost = new Microsoft.EntityFrameworkCore.DbUpdateException(
            "An error occurred while saving the entity changes.",
            new Npgsql.PostgresException("duplicate key value", "ERROR", "ERROR", sqlState));

        Assert.Equal(409, await StatusForAsync(lost));
    }

    [Fact]
    public async Task A_bug_beside_a_storage_failure_stays_500()
    {
        var mixed = new AggregateException(new InvalidOperationException("bug"), new RequestFailedException("refused"));

        Assert.Equal(500, await StatusForAsync(mixed));
    }

    private static async Task<int> StatusForAsync(Exception exception)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));
        return context.Response.StatusCode;
    }
}
