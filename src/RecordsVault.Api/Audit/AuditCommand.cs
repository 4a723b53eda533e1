using System.Text.Json;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure;
using RecordsVault.Infrastructure.Audit;

namespace RecordsVault.Api.Audit;

/// <summary><c>audit verify</c>: checks the chain and its checkpoints against the configured database and blob storage.</summary>
public static class AuditCommand
{
    public const string Usage = "usage: audit verify";

    /// <summary>0 when the trail verifies, 1 when it does not, 2 for a usage or setup error.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        if (args is not ["verify"])
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddInfrastructure(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
        await using var scope = provider.CreateAsyncScope();
        var progress = new ProgressBar(stderr);
        AuditVerification result;
        try
        {
            result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(progress.Report, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            progress.Done();
            await stderr.WriteLineAsync($"audit verify could not run: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }

        progress.Done();
        await stdout.WriteLineAsync(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
        await stderr.WriteLineAsync(result.Valid
            ? $"audit trail valid: {result.Events} events, {result.Checkpoints} checkpoints"
            : $"audit trail INVALID: first invalid sequence {result.FirstInvalidSequence} ({result.Events} events, {result.Checkpoints} checkpoints)");
        return result.Valid ? 0 : 1;
    }

    /// <summary>A one-line bar on stderr, drawn only for chains long enough to wait for.</summary>
    private sealed class ProgressBar(TextWriter stderr)
    {
        private const int Width = 40;
        private bool drawn;

        public void Report(long done, long total)
        {
            if (total < 50_000)
            {
                return;
            }

            var filled = (int)(Width * done / Math.Max(1, total));
            stderr.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done:N0} / {total:N0} events");
            drawn = true;
        }

        public void Done()
        {
            if (drawn)
            {
                stderr.WriteLine();
            }
        }
    }
}
