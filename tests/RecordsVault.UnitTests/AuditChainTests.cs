using System.Security.Cryptography;
using System.Text;
using RecordsVault.Core.Audit;

namespace RecordsVault.UnitTests;

/// <summary>The canonical form is a published contract: SECURITY.md gives this same test vector to outside tools.</summary>
public sealed class AuditChainTests
{
    private static AuditEvent Sample(string actorSub = "alice") => new()
    {
        Sequence = 1,
        OccurredAt = new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc),
        ActorSub = actorSub,
        ActorOrg = "prov-a",
        ActorRoles = "Vault.Caseworker",
        Action = "case.read",
        Outcome = AuditOutcome.Succeeded,
        CaseIds = "c1",
        Organizations = ",prov-a,",
        RecordId = string.Empty,
        TargetId = string.Empty,
        ClientAddress = "127.0.0.1",
        RequestId = "req-1",
        PreviousHash = AuditChain.GenesisHash,
    };

    [Fact]
    public void Hash_matches_the_published_test_vector() =>
        Assert.Equal("9fe9d6fff9e0c4e34b85b80798abc78029d754b5a536f51f433bae25b19cc4e1", AuditChain.ComputeHash(Sample(), AuditChain.GenesisHash));

    [Fact]
    public void Hash_is_SHA256_of_the_previous_hash_bytes_then_the_newline_joined_fields()
    {
        var canonical = "recordsvault-audit-v1\n1\n2026-01-02T03:04:05.678Z\nalice\nprov-a\nVault.Caseworker\ncase.read\nSucceeded\nc1\n,prov-a,\n\n\n127.0.0.1\nreq-1";
        var previous = RandomNumberGenerator.GetBytes(32);

        var expected = SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(canonical)]);

        Assert.Equal(Convert.ToHexStringLower(expected), AuditChain.ComputeHash(Sample(), Convert.ToHexStringLower(previous)));
    }

    [Fact]
    public void A_newline_inside_a_field_is_refused_so_fields_cannot_be_shifted_into_each_other()
    {
        using var chain = new AuditChain();
        var hash = new byte[32];

        Assert.False(chain.TryHash(Sample("alice\nprov-a"), new byte[32], hash));
        Assert.Equal("alice\uFFFDprov-a", AuditChain.Clean("alice\nprov-a"));
    }

    [Fact]
    public void Checkpoint_signs_version_sequence_hash_and_time()
    {
        var bytes = AuditCheckpoint.SignedBytes(42, new string('a', 64), new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc));

        Assert.Equal($"recordsvault-audit-checkpoint-v1\n42\n{new string('a', 64)}\n2026-01-02T03:04:05.678Z", Encoding.UTF8.GetString(bytes));
    }
}
