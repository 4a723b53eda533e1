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
        AuditVerification result;
        try
        {
            var verifier = scope.ServiceProvider.GetRequiredService<AuditVerifier>();
            result = await CommandProgress.RunAsync(stderr, "verifying audit events", (report, ct) => verifier.VerifyAsync(report, ct));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await stderr.WriteLineAsync($"audit verify could not run: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }

        await stdout.WriteLineAsync(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
        await stderr.WriteLineAsync(result.Valid
            ? $"audit trail valid: {result.Events} events, {result.Checkpoints} checkpoints"
            : $"audit trail INVALID: first invalid sequence {result.FirstInvalidSequence} ({result.Events} events, {result.Checkpoints} checkpoints)");
        return result.Valid ? 0 : 1;
    }
}
