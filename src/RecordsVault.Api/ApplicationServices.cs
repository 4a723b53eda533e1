using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Authorization;
using RecordsVault.Api.Console;
using RecordsVault.Api.Errors;
using RecordsVault.Api.Identity;
using RecordsVault.Api.Transfers;
using RecordsVault.Api.Uploads;
using RecordsVault.Infrastructure;

namespace RecordsVault.Api;

public static class ApplicationServices
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<ProductionSettings.Check>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProductionSettings.Check>, ProductionSettings>();
        services.AddInfrastructure(configuration);
        services.AddVaultIdentity(configuration);
        var orgClaim = configuration.GetSection(VaultIdentityOptions.Section).Get<VaultIdentityOptions>()?.OrgClaim ?? "org";
        services.AddAuthorizationBuilder().AddVaultPolicies(orgClaim);
        services.AddVaultAccessHandlers();
        services.AddVaultConsole(configuration);

        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped(sp => new RecordUpload(
            sp.GetRequiredService<Infrastructure.Records.RecordService>(),
            sp.GetRequiredService<IOptions<UploadOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));

        services.AddTransferLimits();
        services.AddScoped<Endpoints.CaseViews>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(OpenApi.VaultDocument.Configure);
        return builder;
    }

    public static WebApplication UseVaultPipeline(this WebApplication app)
    {
        // Outermost, so that it sees the status the exception handler and the status-code pages settle on.
        app.UseMiddleware<AuditMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseVaultConsole();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication and the routes' role policies: an anonymous caller, or an API caller whose role may not
        // transfer, never waits for a transfer slot. (Console pages check the operation in their handlers, inside it.)
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
