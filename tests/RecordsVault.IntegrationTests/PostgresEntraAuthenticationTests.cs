using System.Net;
using Npgsql;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>
/// <c>Vault:Database:Authentication=EntraId</c> against a real PostgreSQL whose role's password is the token the managed
/// identity endpoint hands out, as Azure Database for PostgreSQL checks an Entra token: the vault process signs in with
/// no configured password, follows a new token without a restart, and answers 503 (not 500) while it has none.
/// </summary>
public sealed class PostgresEntraAuthenticationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_vault_signs_in_with_its_managed_identity_token_and_follows_a_new_one()
    {
        await using var identity = await ManagedIdentityEndpoint.StartAsync();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var role = "vault_entra_" + suffix;
        await AdminAsync($"CREATE ROLE {role} LOGIN PASSWORD '{identity.Token}'");
        await AdminAsync($"CREATE DATABASE rv_entra_{suffix} OWNER {role}");
        var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString)
        {
            Username = role,
            Password = null,
            Database = "rv_entra_" + suffix,
            Pooling = false, // every request signs in again, so a changed password shows at once
        };
        var settings = new Dictionary<string, string>(identity.Settings)
        {
            ["Vault:Database:Provider"] = "Postgres",
            ["Vault:Database:ConnectionString"] = connection.ConnectionString,
            ["Vault:Database:Authentication"] = "EntraId",
            ["Vault:Database:PasswordRefresh"] = "00:00:01",
        };

        await using var vault = await RunningVault.StartAsync(settings);
        using var client = vault.ClientFor("prov-a", "caseworker-a", "Vault.Caseworker");
        await ApiCalls.CreateCaseAsync(client);
        Assert.Contains("https://ossrdbms-aad.database.windows.net", identity.Resources);

        // The token changes on both sides, as when Entra issues a new one: the vault follows without a restart.
        var first = identity.Token;
        var second = ManagedIdentityEndpoint.NewToken();
        identity.Token = second;
        await AdminAsync($"ALTER ROLE {role} PASSWORD '{second}'");
        await EventuallyAsync(client, "/cases", HttpStatusCode.OK);
        await Assert.ThrowsAsync<PostgresException>(() => SignInAsync(connection, first)); // the old token is refused now

        // No token to be had and the server wants a new one: 503 problems and not ready, never a 500.
        identity.Failing = true;
        var third = ManagedIdentityEndpoint.NewToken();
        await AdminAsync($"ALTER ROLE {role} PASSWORD '{third}'");
        await EventuallyAsync(client, "/cases", HttpStatusCode.ServiceUnavailable);
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        // The endpoint is back with the new token: the vault recovers by itself.
        identity.Token = third;
        identity.Failing = false;
        await EventuallyAsync(client, "/cases", HttpStatusCode.OK);
        await ApiCalls.CreateCaseAsync(client);
        Assert.DoesNotContain(third, vault.Output, StringComparison.Ordinal);
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task SignInAsync(NpgsqlConnectionStringBuilder connection, string password)
    {
        await using var signIn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Password = password }.ConnectionString);
        await signIn.OpenAsync();
    }

    private static async Task EventuallyAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        HttpStatusCode last;
        do
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            last = response.StatusCode;
            if (last == expected)
            {
                if (expected == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }

                return;
            }

            Assert.NotEqual(HttpStatusCode.InternalServerError, last);
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"GET {path} answered {last}, not {expected}, for {Patience.TotalSeconds} seconds.");
    }
}
