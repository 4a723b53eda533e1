using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests;

/// <summary>
/// Concurrent reads have their events committed together (group commit): each request still returns only once its
/// own event is in the database, every read leaves exactly one event, and the chain verifies.
/// </summary>
public sealed class AuditGroupCommitTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_reads_return_after_their_events_commit_and_the_chain_verifies(string provider)
    {
        await using var factory = new VaultFactory(provider);
        var caseworker = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(caseworker)).Id();
        var before = await HeadAsync(factory);
        const int reads = 96;

        var requestIds = await Task.WhenAll(Enumerable.Range(0, reads).Select(async _ =>
        {
            using var response = await caseworker.GetAsync(new Uri($"/cases/{caseId}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var requestId = response.Headers.GetValues("X-Request-Id").Single();

            // The answer is here: its event must be committed already, whatever else is still in flight.
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.RequestId == requestId && e.Action == "case.read"));
            return requestId;
        }));

        Assert.Equal(reads, requestIds.Distinct().Count());
        Assert.Equal(before + reads, await HeadAsync(factory));
        await using var verify = factory.Services.CreateAsyncScope();
        var result = await verify.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, CancellationToken.None);
        Assert.True(result.Valid, $"first invalid sequence {result.FirstInvalidSequence}");
        Assert.Equal(before + reads, result.Events);
    }

    private static async Task<long> HeadAsync(VaultFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditChainHeads.AsNoTracking().SingleAsync()).LastSequence;
    }
}
