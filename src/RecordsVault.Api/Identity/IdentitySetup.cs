using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace RecordsVault.Api.Identity;

public static class IdentitySetup
{
    /// <summary>
    /// JwtBearer validation of issuer, audience, lifetime and signature, either against the local signing key
    /// or, in production, through Microsoft.Identity.Web and the <c>AzureAd</c> section.
    /// </summary>
    public static IServiceCollection AddVaultIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VaultIdentityOptions>().BindConfiguration(VaultIdentityOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.IsLocal || !string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]) && !string.IsNullOrWhiteSpace(configuration["AzureAd:TenantId"]),
                "Vault:Identity:Mode 'EntraId' needs AzureAd:TenantId and AzureAd:ClientId.")
            .ValidateOnStart();

        var options = configuration.GetSection(VaultIdentityOptions.Section).Get<VaultIdentityOptions>() ?? new VaultIdentityOptions();
        if (options.Mode == "EntraId")
        {
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(configuration.GetSection("AzureAd"));
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.TokenValidationParameters.RoleClaimType = "roles";
                o.TokenValidationParameters.ValidateLifetime = true;
            });
            return services;
        }

        services.AddSingleton(sp => new LocalSigningKey(
            sp.GetRequiredService<IOptions<VaultIdentityOptions>>().Value, sp.GetRequiredService<Infrastructure.VaultPaths>()));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<LocalSigningKey, IOptions<VaultIdentityOptions>>((o, key, identity) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = identity.Value.Issuer,
                    ValidAudience = identity.Value.Audience,
                    IssuerSigningKey = key.Key,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "sub",
                    RoleClaimType = "roles",
                };
            });
        return services;
    }
}
