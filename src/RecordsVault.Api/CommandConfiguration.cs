namespace RecordsVault.Api;

/// <summary>The configuration a shell command (token, audit, reconcile) runs with: appsettings.json and the environment.</summary>
public static class CommandConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
}
