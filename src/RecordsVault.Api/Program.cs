using RecordsVault.Api;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Endpoints;
using RecordsVault.Api.Identity;

if (args is ["token", .. var tokenArgs])
{
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    return TokenCommand.Run(tokenArgs, configuration, Console.Out, Console.Error);
}

if (args is ["audit", .. var auditArgs])
{
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    return await AuditCommand.RunAsync(auditArgs, configuration, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UseVaultPipeline();
app.MapHealthEndpoints();
app.MapCaseEndpoints();
app.MapRecordEndpoints();
app.MapLifecycleEndpoints();
app.MapHoldEndpoints();
app.MapDisclosureEndpoints();
app.MapReleaseEndpoints();
app.MapAuditEndpoints();
app.Run();
return 0;

/// <summary>Visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
