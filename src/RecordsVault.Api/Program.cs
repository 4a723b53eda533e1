using RecordsVault.Api;
using RecordsVault.Api.Endpoints;

if (await Commands.TryRunAsync(args) is { } exit)
{
    return exit;
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
app.MapArchiveEndpoints();
app.MapHandoverEndpoints();
app.MapRazorPages();
app.Run();
return 0;

/// <summary>Visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
