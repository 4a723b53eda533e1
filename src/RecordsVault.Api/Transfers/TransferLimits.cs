using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace RecordsVault.Api.Transfers;

/// <summary>
/// Bounds the transfers running at once with ASP.NET Core's concurrency limiter. A transfer's memory is mostly the
/// storage SDK's own (an 8 MiB array per encryption stream, 4 MiB per block in flight), rented from the shared array
/// pool, which keeps what it lent; so what bounds memory is how many run together, not how the bytes are copied.
/// </summary>
public static class TransferLimits
{
    private const string Partition = "transfers";

    public static IServiceCollection AddTransferLimits(this IServiceCollection services)
    {
        services.AddOptions<TransferOptions>().BindConfiguration(TransferOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<TransferOptions>>((limiter, transfers) =>
        {
            var slots = new ConcurrencyLimiterOptions
            {
                PermitLimit = transfers.Value.MaxConcurrent,
                QueueLimit = transfers.Value.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<TransferAttribute>() is { } transfer && transfer.Covers(context)
                    ? RateLimitPartition.GetConcurrencyLimiter(Partition, _ => slots)
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Marks a route as a transfer (see <see cref="TransferAttribute"/>).</summary>
    public static TBuilder TakesTransferSlot<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TransferAttribute());

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "10";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Too many transfers are waiting. Try again shortly.",
            },
        });
    }
}
