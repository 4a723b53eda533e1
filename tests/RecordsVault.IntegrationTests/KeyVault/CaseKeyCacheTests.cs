using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyVault;

/// <summary>Unwrapped case keys are kept for minutes, never longer, never more than allowed, and never for another wrapped key.</summary>
public sealed class CaseKeyCacheTests
{
    private static readonly byte[] Wrapped = RandomNumberGenerator.GetBytes(384);

    [Fact]
    public async Task Second_open_within_the_lifetime_does_not_unwrap_and_returns_an_independent_copy()
    {
        using var cache = NewCache(new FakeClock(DateTimeOffset.UtcNow), out var unwraps);

        var first = await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);
        var expected = first.ToArray();
        CryptographicOperations.ZeroMemory(first); // as CaseKeyEncryptionKey does with its copy
        var second = await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);

        Assert.Equal(1, unwraps.Count);
        Assert.Equal(expected, second);
    }

    [Fact]
    public async Task Key_is_unwrapped_again_once_its_lifetime_has_passed_however_often_it_was_used()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        using var cache = NewCache(clock, out var unwraps);
        await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);

        for (var minute = 1; minute < 5; minute++)
        {
            clock.Now += TimeSpan.FromMinutes(1);
            await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);
        }

        Assert.Equal(1, unwraps.Count);
        clock.Now += TimeSpan.FromMinutes(1);
        Assert.False(cache.Contains("case-1"));
        await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);
        Assert.Equal(2, unwraps.Count);
    }

    [Fact]
    public async Task Expired_keys_are_dropped_by_the_sweep()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        using var cache = NewCache(clock, out var unwraps);
        await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);
        await cache.GetOrUnwrapAsync("case-2", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);

        clock.Now += TimeSpan.FromMinutes(5);
        cache.RemoveExpired();

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Least_recently_used_key_leaves_first_when_the_cache_is_full()
    {
        using var cache = NewCache(new FakeClock(DateTimeOffset.UtcNow), out var unwraps, size: 2);
        await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);
        await cache.GetOrUnwrapAsync("case-2", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);
        await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);
        await cache.GetOrUnwrapAsync("case-3", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.Contains("case-1"));
        Assert.False(cache.Contains("case-2"));
        Assert.True(cache.Contains("case-3"));
    }

    [Fact]
    public async Task Entry_answers_only_for_the_wrapped_key_and_KEK_version_it_came_from()
    {
        using var cache = NewCache(new FakeClock(DateTimeOffset.UtcNow), out var unwraps);
        await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);

        await cache.GetOrUnwrapAsync("case-1", "kek/2", Wrapped, unwraps.Unwrap, CancellationToken.None);
        await cache.GetOrUnwrapAsync("case-1", "kek/2", RandomNumberGenerator.GetBytes(384), unwraps.Unwrap, CancellationToken.None);

        Assert.Equal(3, unwraps.Count);
    }

    [Fact]
    public async Task Concurrent_opens_of_one_case_share_a_single_unwrap_and_its_failure()
    {
        using var cache = NewCache(new FakeClock(DateTimeOffset.UtcNow), out _);
        var calls = 0;
        var release = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<byte[]> Slow(CancellationToken ct)
        {
            Interlocked.Increment(ref calls);
            return release.Task;
        }

        var opens = Enumerable.Range(0, 10).Select(_ => cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, Slow, CancellationToken.None)).ToList();
        release.SetResult(RandomNumberGenerator.GetBytes(32));
        var keys = await Task.WhenAll(opens);

        Assert.Equal(1, calls);
        Assert.All(keys, k => Assert.Equal(keys[0], k));

        var failing = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failed = Enumerable.Range(0, 5).Select(_ => cache.GetOrUnwrapAsync("case-2", "kek/1", Wrapped, _ => failing.Task, CancellationToken.None)).ToList();
        failing.SetException(new TimeoutException("Key Vault did not answer"));
        foreach (var open in failed)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => open);
        }

        Assert.False(cache.Contains("case-2"));
    }

    [Fact]
    public async Task Forgotten_case_is_not_stored_by_an_unwrap_that_was_under_way()
    {
        using var cache = NewCache(new FakeClock(DateTimeOffset.UtcNow), out var unwraps);
        var release = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, _ => release.Task, CancellationToken.None);

        cache.Forget("case-1");
        release.SetResult(RandomNumberGenerator.GetBytes(32));
        await open;
        await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);

        Assert.False(cache.Contains("case-1"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Zero_lifetime_turns_the_cache_off()
    {
        using var cache = NewCache(new FakeClock(DateTimeOffset.UtcNow), out var unwraps, lifetime: TimeSpan.Zero);

        await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);
        await cache.GetOrUnwrapAsync("case-1", "kek/1", Wrapped, unwraps.Unwrap, CancellationToken.None);

        Assert.Equal(2, unwraps.Count);
        Assert.Equal(0, cache.Count);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Downloading_every_record_of_a_case_and_its_packet_asks_Key_Vault_to_unwrap_the_case_key_once(string database)
    {
        await using var api = await KeyVaultApi.StartAsync(database: database);
        var (caseId, records) = await api.CaseWithRecordsAsync(5);

        foreach (var (id, content) in records)
        {
            Assert.Equal(content, await api.Cw.GetByteArrayAsync($"/records/{id}/content"));
        }

        var disclosure = (await ApiCalls.PostJsonAsync(api.Orr, "/disclosures", new { caseIds = new[] { caseId }, purpose = "Safety review" }, HttpStatusCode.Created)).Id();
        Assert.Equal(HttpStatusCode.OK, (await api.Orr.GetAsync($"/disclosures/{disclosure}/packet")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Orr.GetAsync($"/disclosures/{disclosure}/bundle")).StatusCode);

        Assert.Equal(1, api.Server.UnwrapsOf(await api.WrappedKeyAsync(caseId)));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Disposal_drops_the_cached_case_key_and_its_content_answers_410(string database)
    {
        await using var api = await KeyVaultApi.StartAsync(database: database);
        var (caseId, records) = await api.CaseWithRecordsAsync(2, releaseDate: "2015-01-15", developedAt: "2015-06-01");
        Assert.Equal(records[0].Content, await api.Cw.GetByteArrayAsync($"/records/{records[0].Id}/content"));
        Assert.True(api.CaseKeyCache.Contains(caseId));

        await ApiCalls.PostJsonAsync(api.Cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2016-01-01", reason = "Child turned 18" }, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(api.Rm1, "/retention/sweep", null, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(api.Rm1, $"/cases/{caseId}/disposition", null, HttpStatusCode.OK);
        await ApiCalls.PostJsonAsync(api.Rm2, $"/cases/{caseId}/disposition/approve", null, HttpStatusCode.OK);

        Assert.False(api.CaseKeyCache.Contains(caseId));
        foreach (var (id, _) in records)
        {
            Assert.Equal(HttpStatusCode.Gone, (await api.Cw.GetAsync($"/records/{id}/content")).StatusCode);
        }
    }

    private static CaseKeyCache NewCache(TimeProvider clock, out Unwraps unwraps, int size = 100, TimeSpan? lifetime = null)
    {
        unwraps = new Unwraps();
        return new CaseKeyCache(Options.Create(new KeyOptions { CaseKeyCacheSize = size, CaseKeyCacheLifetime = lifetime ?? TimeSpan.FromMinutes(5) }), clock);
    }

    private sealed class Unwraps
    {
        private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
        private int count;

        public int Count => count;

        public Task<byte[]> Unwrap(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref count);
            return Task.FromResult(key.ToArray());
        }
    }
}
