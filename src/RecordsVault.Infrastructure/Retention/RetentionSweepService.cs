using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecordsVault.Infrastructure.Retention;

/// <summary>Runs the retention sweep every <see cref="RetentionOptions.SweepInterval"/>.</summary>
public sealed partial class RetentionSweepService(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // The timer acts for no one organization: it sweeps them all.
                await scope.ServiceProvider.GetRequiredService<RetentionSweeper>().SweepAsync(organization: null, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run must not stop later ones; the next tick tries again.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timed retention sweep failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
