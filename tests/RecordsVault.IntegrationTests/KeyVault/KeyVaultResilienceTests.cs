using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyVault;

/// <summary>
/// The API in Key Vault mode when the vault challenges, throttles, fails or stalls: retried where Key Vault says so,
/// a 503 problem (never a 500 or a hang) when it stays down, and back to service by itself when it returns.
/// </summary>
public sealed class KeyVaultResilienceTests
{
    [Fact]
    public async Task First_call_is_challenged_and_the_token_is_asked_for_the_challenged_scope_only()
    {
        await using var api = await KeyVaultApi.StartAsync();

        await ApiCalls.CreateCaseAsync(api.Cw);

        var requests = api.Server.Requests;
        Assert.False(requests[0].Authorized);
        Assert.All(requests.Skip(1), r => Assert.True(r.Authorized));
        Assert.Equal(["https://vault.azure.net"], api.Server.TokenResources);
        Assert.Equal(1, api.Server.Served("wrapkey"));
    }

    [Fact]
    public async Task Challenge_for_a_foreign_resource_gets_no_token_and_the_call_answers_503()
    {
        await using var api = await KeyVaultApi.StartAsync();
        api.Server.ChallengeResource = "https://management.azure.com";

        var response = await api.Cw.PostAsJsonAsync("/cases", NewCase());

        await AssertUnavailableAsync(response);
        Assert.Empty(api.Server.TokenResources);
        Assert.DoesNotContain(api.Server.Requests, r => r.Authorized);
        Assert.Contains("DisableChallengeResourceVerification", await File.ReadAllTextAsync(api.Factory.LogPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Challenge_for_a_foreign_resource_is_followed_when_the_test_setting_turns_the_check_off()
    {
        await using var api = await KeyVaultApi.StartAsync(new Dictionary<string, string> { ["Vault:Keys:DisableChallengeResourceVerification"] = "true" });
        api.Server.ChallengeResource = "https://management.azure.com";

        await ApiCalls.CreateCaseAsync(api.Cw);

        Assert.Equal(["https://management.azure.com"], api.Server.TokenResources);
    }

    [Fact]
    public async Task Throttled_wrap_waits_for_Retry_After_then_succeeds()
    {
        await using var api = await KeyVaultApi.StartAsync();
        await ApiCalls.CreateCaseAsync(api.Cw); // the challenge is done and the KEK's version known
        api.Server.Fail(KeyVaultFault.Throttle(TimeSpan.FromSeconds(2)), times: 1, when: r => r.Operation == "wrapkey");

        await ApiCalls.CreateCaseAsync(api.Cw);

        var wraps = Wraps(api).Skip(1).ToList();
        Assert.Equal(2, wraps.Count);
        Assert.True(wraps[1].At - wraps[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {wraps[1].At - wraps[0].At}");
    }

    [Fact]
    public async Task Throttled_wrap_without_Retry_After_backs_off_exponentially_then_succeeds()
    {
        await using var api = await KeyVaultApi.StartAsync();
        await ApiCalls.CreateCaseAsync(api.Cw);
        api.Server.Fail(KeyVaultFault.Throttle(), times: 2, when: r => r.Operation == "wrapkey");

        await ApiCalls.CreateCaseAsync(api.Cw);

        var wraps = Wraps(api).Skip(1).ToList();
        Assert.Equal(3, wraps.Count);
        var first = wraps[1].At - wraps[0].At;
        var second = wraps[2].At - wraps[1].At;
        // 0.8 s then 1.6 s, each with ±20% jitter: lower bounds only, which a loaded machine cannot break.
        Assert.True(first >= TimeSpan.FromSeconds(0.6), $"first retry after {first}");
        Assert.True(second >= TimeSpan.FromSeconds(1.25), $"second retry after {second}");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Server_errors_are_retried_then_the_call_succeeds(int status)
    {
        await using var api = await KeyVaultApi.StartAsync();
        await ApiCalls.CreateCaseAsync(api.Cw);
        api.Server.Fail(KeyVaultFault.ServerError(status), times: 2, when: r => r.Operation == "wrapkey");

        await ApiCalls.CreateCaseAsync(api.Cw);

        Assert.Equal(3, Wraps(api).Skip(1).Count());
    }

    [Fact]
    public async Task Throttling_past_the_retries_answers_503_then_service_resumes_by_itself()
    {
        await using var api = await KeyVaultApi.StartAsync(new Dictionary<string, string> { ["Vault:Keys:MaxRetries"] = "2" });
        await ApiCalls.CreateCaseAsync(api.Cw);
        api.Server.Fail(KeyVaultFault.Throttle(TimeSpan.FromSeconds(1)));

        await AssertUnavailableAsync(await api.Cw.PostAsJsonAsync("/cases", NewCase()));
        Assert.Equal(3, Wraps(api).Skip(1).Count());

        api.Server.ClearFaults();
        await ApiCalls.CreateCaseAsync(api.Cw);
    }

    [Fact]
    public async Task Vault_that_hangs_answers_503_and_not_ready_within_the_timeout_then_recovers_without_restart()
    {
        await using var api = await KeyVaultApi.StartAsync(new Dictionary<string, string> { ["Vault:Keys:Timeout"] = "00:00:06" });
        var (_, records) = await api.CaseWithRecordsAsync(1);
        Assert.Equal(HttpStatusCode.OK, await api.ReadinessAsync());
        api.Server.Fail(KeyVaultFault.Hang);

        var clock = Stopwatch.StartNew();
        await AssertUnavailableAsync(await api.Cw.PostAsJsonAsync("/cases", NewCase()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"answered after {clock.Elapsed}");
        clock.Restart();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await api.ReadinessAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"readiness answered after {clock.Elapsed}");

        // A case key already unwrapped still serves its records from memory meanwhile.
        Assert.Equal(records[0].Content, await api.Cw.GetByteArrayAsync($"/records/{records[0].Id}/content"));

        api.Server.ClearFaults();
        Assert.Equal(HttpStatusCode.OK, await api.ReadinessAsync());
        await ApiCalls.UploadAsync(api.Cw, (await ApiCalls.CreateCaseAsync(api.Cw)).Id(), "after the outage"u8.ToArray());
    }

    [Fact]
    public async Task Key_Vault_failing_while_a_packet_renders_fails_the_disclosure_instead_of_marking_the_record_unreadable()
    {
        // No cache, so that rendering the packet has to unwrap the case key.
        await using var api = await KeyVaultApi.StartAsync(new Dictionary<string, string> { ["Vault:Keys:CaseKeyCacheSize"] = "0", ["Vault:Keys:MaxRetries"] = "1" });
        var (caseId, _) = await api.CaseWithRecordsAsync(2);
        var caseKey = System.Buffers.Text.Base64Url.EncodeToString(await api.WrappedKeyAsync(caseId));
        api.Server.Fail(KeyVaultFault.ServerError(), when: r => r.Operation == "unwrapkey" && r.Value == caseKey);

        var disclosure = await api.Orr.PostAsJsonAsync("/disclosures", new { caseIds = new[] { caseId }, purpose = "Safety review" });

        await AssertUnavailableAsync(disclosure);
        api.Server.ClearFaults();
        var id = (await ApiCalls.PostJsonAsync(api.Orr, "/disclosures", new { caseIds = new[] { caseId }, purpose = "Safety review" }, HttpStatusCode.Created)).Id();
        Assert.Equal(HttpStatusCode.OK, (await api.Orr.GetAsync($"/disclosures/{id}/packet")).StatusCode);
    }

    private static IEnumerable<KeyVaultRequest> Wraps(KeyVaultApi api) => api.Server.Requests.Where(r => r.Operation == "wrapkey" && r.Authorized);

    private static object NewCase() => new
    {
        caseNumber = "KV-" + Guid.NewGuid().ToString("N")[..10], state = "TX", releaseDate = "2025-01-15",
        childDateOfBirth = "2010-06-01", prsType = "Tvpra", prsLevel = 2,
    };

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Key Vault is unavailable", body, StringComparison.Ordinal);
    }
}
