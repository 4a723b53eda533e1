using RecordsVault.Api;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Endpoints;
using RecordsVault.Api.Identity;
using RecordsVault.Api.Keys;
using RecordsVault.Api.Reconciliation;

if (args is ["token", .. var tokenArgs])
{
    return TokenCommand.Run(tokenArgs, CommandConfiguration.Load(), Console.Out, Console.Error);
}

if (args is ["audit", .. var auditArgs])
{
    return await AuditCommand.RunAsync(auditArgs, CommandConfiguration.Load(), Console.Out, Console.Error);
}

if (args is ["reconcile", .. var reconcileArgs])
{
    return await ReconcileCommand.RunAsync(reconcileArgs, CommandConfiguration.Load(), Console.Out, Console.Error);
}

if (args is ["keys", .. var keysArgs])
{
    return await KeysCommand.RunAsync(keysArgs, CommandConfiguration.Load(), Console.Out, Console.Error);
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
app.MapRazorPages();
app.Run();
return 0;

/// <summary>Visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
