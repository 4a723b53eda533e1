using Azure.Core;
using Npgsql;

namespace RecordsVault.Infrastructure.Persistence;

/// <summary>The PostgreSQL connections: with a configured password, or with a Microsoft Entra access token as the password.</summary>
public static class PostgresDataSource
{
    /// <summary>The scope of Azure Database for PostgreSQL's Entra authentication, for every server and cloud alike.</summary>
    public const string EntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    /// <summary>How soon a failed token request is tried again; until then new connections fail with the token's error.</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    public static NpgsqlDataSource Create(DatabaseOptions options, Func<TokenCredential> credential)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (options.Authentication == DatabaseOptions.EntraId)
        {
            // Asked for again every PasswordRefresh; the credential's cache answers until the token nears expiry, and
            // connections already open keep working after their token expires (the server checks it at sign-in only).
            builder.UsePeriodicPasswordProvider(
                async (_, cancellationToken) =>
                    (await credential().GetTokenAsync(new TokenRequestContext([EntraScope]), cancellationToken)).Token,
                options.PasswordRefresh,
                RetryAfterFailure);
        }

        return builder.Build();
    }
}
