using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyVault;

/// <summary>
/// The built API as its own process in Key Vault mode, configured as Azure configures it: <c>DefaultAzureCredential</c>
/// gets its token from a managed identity endpoint (<c>IDENTITY_ENDPOINT</c>, <c>IDENTITY_HEADER</c>, <c>AZURE_CLIENT_ID</c>),
/// and the vault's certificate is trusted through <c>SSL_CERT_FILE</c>. Those are process-wide, hence the child process.
/// </summary>
public sealed class KeyVaultEndToEndTests
{
    [Fact]
    public async Task Records_packets_and_signed_checkpoints_work_with_the_keys_in_Key_Vault()
    {
        await using var server = await KeyVaultTestServer.StartAsync();
        var clientId = Guid.NewGuid().ToString();
        await using var vault = await RunningVault.StartAsync(new Dictionary<string, string>
        {
            ["Vault:Keys:Provider"] = "KeyVault",
            ["Vault:Keys:KeyVaultUri"] = server.VaultUri.ToString(),
            ["Vault:Audit:CheckpointEvery"] = "3",
            ["IDENTITY_ENDPOINT"] = server.IdentityEndpoint.ToString(),
            ["IDENTITY_HEADER"] = server.IdentityHeader,
            ["AZURE_CLIENT_ID"] = clientId,
            ["SSL_CERT_FILE"] = server.WriteCertificateAuthorityPem(),
        });
        using var anonymous = new HttpClient { BaseAddress = vault.BaseAddress };
        await WaitForAsync(async () => (await anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, vault);
        var unwrapsBefore = server.Served("unwrapkey");
        using var caseworker = vault.ClientFor("prov-a", "alice", "Vault.Caseworker");
        using var official = vault.ClientFor("orr", "olivia", "Vault.OrrOfficial");
        using var auditor = vault.ClientFor("orr", "audrey", "Vault.Auditor");

        // Upload and download: the case key is wrapped and unwrapped by Key Vault, once.
        var caseId = (await ApiCalls.CreateCaseAsync(caseworker)).Id();
        var files = new List<(string Id, byte[] Content)>();
        for (var i = 0; i < 3; i++)
        {
            var content = System.Text.Encoding.UTF8.GetBytes($"Home visit {i}: the sponsor is engaged. {Guid.NewGuid()}\n");
            files.Add(((await ApiCalls.UploadAsync(caseworker, caseId, content)).Id(), content));
        }

        foreach (var (id, content) in files)
        {
            Assert.Equal(content, await caseworker.GetByteArrayAsync($"/records/{id}/content"));
        }

        // A disclosure packet: its own key, wrapped by the KEK, unwrapped to store it and again to serve it.
        var disclosure = (await ApiCalls.PostJsonAsync(official, "/disclosures", new { caseIds = new[] { caseId }, purpose = "Safety review" }, HttpStatusCode.Created)).Id();
        var packet = await official.GetAsync($"/disclosures/{disclosure}/packet");
        Assert.Equal(HttpStatusCode.OK, packet.StatusCode);
        Assert.Equal("application/pdf", packet.Content.Headers.ContentType?.MediaType);
        var pdf = await packet.Content.ReadAsByteArrayAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), packet.Headers.GetValues("X-Packet-SHA256").Single());
        Assert.Equal(3, server.Served("unwrapkey") - unwrapsBefore); // the case key once, the packet key twice

        // Checkpoints are signed by the audit-signing key in Key Vault, with PS256, and verify.
        JsonElement verification = default;
        await WaitForAsync(async () =>
        {
            verification = await ApiCalls.ExpectJsonAsync(await auditor.GetAsync("/audit/verify"), HttpStatusCode.OK);
            return verification.GetProperty("checkpoints").GetInt32() > 0;
        }, vault);
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        var signingKey = $"{server.VaultUri}keys/{KeyVaultTestServer.SigningKey}/";
        Assert.All(await CheckpointKeyIdsAsync(vault), keyId => Assert.StartsWith(signingKey, keyId, StringComparison.Ordinal));
        Assert.True(server.Served("sign") > 0);

        // DefaultAzureCredential asked the managed identity endpoint, as the user-assigned identity, for the challenged resource.
        Assert.Contains(("https://localhost", (string?)clientId), server.IdentityRequests);
        Assert.All(server.Requests.Skip(1), r => Assert.True(r.Authorized));
        var output = vault.Output;
        Assert.All(server.IssuedTokens, token => Assert.DoesNotContain(token, output, StringComparison.Ordinal));
    }

    private static async Task<List<string>> CheckpointKeyIdsAsync(RunningVault vault)
    {
        var container = new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(vault.CheckpointContainer);
        var keyIds = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            var text = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            keyIds.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("keyId").GetString()!));
        }

        Assert.NotEmpty(keyIds);
        return keyIds;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, RunningVault vault)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting; the API wrote:\n{vault.Output}");
            await Task.Delay(250);
        }
    }
}
