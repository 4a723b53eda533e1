using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Api.Transfers;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>
/// <c>Vault:Transfers</c>: past <c>MaxConcurrent</c> a transfer waits its turn, past <c>QueueLimit</c> it answers a 503
/// problem with Retry-After, and routes that move no content never wait. The limiter's own metrics say when a request
/// holds the slot or waits, so the test does not guess with timings.
/// </summary>
public sealed class TransferLimitTests
{
    [Fact]
    public async Task A_transfer_waits_for_the_slot_past_the_queue_it_answers_503_and_other_routes_never_wait()
    {
        await using var vault = new VaultFactory(settings: new Dictionary<string, string>
        {
            ["Vault:Transfers:MaxConcurrent"] = "1",
            ["Vault:Transfers:QueueLimit"] = "1",
        });
        var caseworker = vault.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(caseworker)).Id();
        var large = System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(4 * 1024 * 1024)));
        var largeId = (await ApiCalls.UploadAsync(caseworker, caseId, large)).Id();
        var small = (await ApiCalls.UploadAsync(caseworker, caseId, "small"u8.ToArray())).Id();
        using var slots = new SlotGauge(vault.Services.GetRequiredService<IMeterFactory>());

        // A download whose reader has stopped reading keeps the one slot: the vault cannot send more than the pipe holds.
        using var held = await caseworker.GetAsync($"/records/{largeId}/content", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        await slots.WaitAsync(active: 1, queued: 0);

        var waiting = caseworker.GetAsync($"/records/{small}/content");
        await slots.WaitAsync(active: 1, queued: 1);
        Assert.False(waiting.IsCompleted);

        using var refused = await caseworker.GetAsync($"/records/{small}/content");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);

        using var read = await caseworker.GetAsync($"/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        Assert.Equal(SHA256.HashData(large), await SHA256.HashDataAsync(await held.Content.ReadAsStreamAsync()));
        using var served = await waiting;
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("small", await served.Content.ReadAsStringAsync());
        await slots.WaitAsync(active: 0, queued: 0);
    }

    [Fact]
    public async Task Every_route_that_moves_content_takes_a_slot_and_no_other_does()
    {
        await using var vault = new VaultFactory();
        _ = vault.CreateClient();

        var marked = vault.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<TransferAttribute>() is not null)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["page"])} {e.RoutePattern.RawText}")
            .Order(StringComparer.Ordinal)
            .ToList();

        // Console pages: the upload, content, new disclosure and new release pages wholly; a disclosure's and a release's
        // page only for their packet, bundle and approve handlers (TransferAttribute.Covers).
        Assert.Equal(
        [
            "GET /disclosures/{id}/bundle", "GET /disclosures/{id}/packet", "GET /records/{id}/content", "GET /releases/{id}/packet",
            "POST /archive", "POST /cases/{id}/records/", "POST /disclosures/", "POST /handovers/export", "POST /releases/",
            "POST /releases/{id}/approve",
            "page console/Disclosures/New", "page console/Releases/New", "page console/cases/{id}/records", "page console/disclosures/{id}",
            "page console/records/{id}/content", "page console/releases/{id}",
        ], marked);
    }

    /// <summary>The rate limiter's gauges of this vault (leases held, requests queued), read through a meter listener.</summary>
    private sealed class SlotGauge : IDisposable
    {
        private readonly MeterListener listener = new();
        private long active;
        private long queued;

        public SlotGauge(IMeterFactory meters)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == "Microsoft.AspNetCore.RateLimiting")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == "aspnetcore.rate_limiting.active_request_leases")
                {
                    Interlocked.Add(ref active, value);
                }
                else if (instrument.Name == "aspnetcore.rate_limiting.queued_requests")
                {
                    Interlocked.Add(ref queued, value);
                }
            });
            listener.Start();
        }

        public async Task WaitAsync(long active, long queued)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Interlocked.Read(ref this.active) != active || Interlocked.Read(ref this.queued) != queued)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the limiter shows {this.active} held and {this.queued} queued, not {active} and {queued}");
                await Task.Delay(20);
            }
        }

        public void Dispose() => listener.Dispose();
    }
}
