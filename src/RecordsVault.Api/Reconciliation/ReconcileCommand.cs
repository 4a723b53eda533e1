using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecordsVault.Infrastructure;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Reconciliation;

namespace RecordsVault.Api.Reconciliation;

/// <summary>
/// <c>reconcile</c>: one run of the orphan reconciler against the configured database and blob storage. Each
/// blob it deletes and each deletion it finishes is a line on stderr (names and ids, never content), then a
/// summary; stdout carries only the counts, as JSON.
/// </summary>
public static class ReconcileCommand
{
    public const string Usage = "usage: reconcile";

    /// <summary>0 when the run completed, 2 for a usage or setup error.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        if (args is not [])
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var services = new ServiceCollection();

        // Each deleted blob and finished deletion is one line on stderr (names and ids only); stdout stays JSON.
        services.AddLogging(logging => logging
            .AddFilter((category, level) => category?.StartsWith("RecordsVault.", StringComparison.Ordinal) == true && level >= LogLevel.Information)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddSingleton(configuration);
        services.AddInfrastructure(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
        await using var scope = provider.CreateAsyncScope();
        ReconcileResult result;
        try
        {
            // A schema older than this binary would make every row look missing; the vault migrates it at start.
            if ((await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Database.GetPendingMigrationsAsync()).Any())
            {
                await stderr.WriteLineAsync("reconcile refused: the database is missing, or its schema is older than this version; start the vault once to create or migrate it.");
                return 2;
            }

            result = await scope.ServiceProvider.GetRequiredService<OrphanReconciler>().RunAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await stderr.WriteLineAsync($"reconcile could not run: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }

        await stdout.WriteLineAsync(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
        await stderr.WriteLineAsync(
            $"reconcile: {result.OrphansDeleted} orphan blobs deleted, {result.DeletionsFinished} interrupted record deletions finished; " +
            $"{result.BlobsExamined} blobs examined: {result.Owned} owned, {result.WithinGrace} within the grace period, {result.NotNamedByVault} not named by the vault");
        return 0;
    }
}
