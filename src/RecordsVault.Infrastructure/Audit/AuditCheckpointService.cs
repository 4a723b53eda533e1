using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>Signs the chain head every <see cref="AuditOptions.CheckpointInterval"/>, so a quiet period is covered too.</summary>
public sealed partial class AuditCheckpointService(
    AuditCheckpointer checkpointer, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditCheckpointService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await checkpointer.WriteAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed checkpoint must not stop later ones.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timed audit checkpoint failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
