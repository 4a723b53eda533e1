using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecordsVault.Infrastructure.Reconciliation;

/// <summary>Runs the orphan reconciler every <see cref="ReconcilerOptions.Period"/>.</summary>
public sealed partial class OrphanReconcilerService(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReconcilerOptions> options, ILogger<OrphanReconcilerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OrphanReconciler>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run must not stop later ones; the next tick tries again.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timed orphan reconciliation failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
