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
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<VaultIdentityOptions>, EntraIdSettings>();

        var options = configuration.GetSection(VaultIdentityOptions.Section).Get<VaultIdentityOptions>() ?? new VaultIdentityOptions();
        if (options.Mode == "EntraId")
        {
            // Microsoft.Identity.Web reads the discovery document and JWKS of AzureAd:Instance + TenantId + "/v2.0",
            // checks the audience against AzureAd:ClientId and the issuer against the tenant (AadIssuerValidator).
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(configuration.GetSection(EntraIdSettings.Section));
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                // TokenClaims: sub, roles and the org claim are read as the token names them; the default inbound
                // mapping would rename sub and roles to WS-Federation claim URIs, and the caller would have neither.
                o.MapInboundClaims = false;

                // An unknown key id makes the handler fetch the JWKS again (at once the first time, then at most once
                // per RefreshInterval, 5 minutes), so a key the issuer starts signing with is picked up without a restart.
                o.RefreshOnIssuerKeyNotFound = true;
                TokenClaims.Apply(o.TokenValidationParameters);
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
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateIssuerSigningKey = true,
                };
                TokenClaims.Apply(o.TokenValidationParameters);
            });
        return services;
    }
}
