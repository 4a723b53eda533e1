using Microsoft.EntityFrameworkCore;
using RecordsVault.Infrastructure;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Api;

/// <summary>The configuration and services a shell command (token, audit, reconcile, keys, archive, handover) runs with.</summary>
public static class CommandConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>The vault's infrastructure, quiet: a command's messages are its own.</summary>
    public static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
    }

    /// <summary>
    /// Null when the database's schema is this version's; otherwise why <paramref name="command"/> refuses. The vault
    /// creates and migrates it at start, and an older schema would make rows look missing.
    /// </summary>
    public static async Task<string?> SchemaRefusalAsync(IServiceProvider provider, string command, CancellationToken cancellationToken)
    {
        await using var scope = provider.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Database.GetPendingMigrationsAsync(cancellationToken)).Any()
            ? $"{command} refused: the database is missing, or its schema is older than this version; start the vault once to create or migrate it."
            : null;
    }

    /// <summary>Ctrl-C cancels the command's token instead of killing the process, so it can stop cleanly and say how to resume.</summary>
    public static CancellationTokenSource CancelOnCtrlC()
    {
        var stop = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return stop;
    }
}
