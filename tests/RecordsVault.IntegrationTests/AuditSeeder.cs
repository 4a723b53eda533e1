using Microsoft.Data.Sqlite;
using RecordsVault.Core.Audit;

namespace RecordsVault.IntegrationTests;

/// <summary>
/// Appends synthetic audit events straight into the SQLite database of an API (bench rows 8 and 11, and the verifier's
/// tests of chains longer than one read batch), continuing the chain
/// that is there: each event's hash comes from <see cref="AuditChain"/> (the vault's one definition of the canonical
/// bytes), with the index rows the API writes beside each event, and the head row is moved to the last one, all in one
/// write transaction. No checkpoints are signed for them.
/// </summary>
public static class AuditSeeder
{
    private static readonly string[] Actions = ["case.read", "record.content", "case.update", "record.upload", "audit.read"];

    /// <summary>Returns the chain's length afterwards.</summary>
    public static async Task<long> SeedAsync(string sqlitePath, int count, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            // This connection only: the API's connections keep their own settings.
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        // BEGIN IMMEDIATE: the write lock is held from the head read on, as the API's appenders hold it.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long sequence;
        string previous;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT \"LastSequence\", \"LastHash\" FROM \"AuditChainHeads\" WHERE \"Id\" = 1";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The database has no audit chain head; did the API apply its migrations?");
            }

            (sequence, previous) = (reader.GetInt64(0), reader.GetString(1));
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO "AuditEvents" ("Sequence", "OccurredAt", "ActorSub", "ActorOrg", "ActorRoles", "Action", "Outcome", "CaseIds",
                "Organizations", "RecordId", "TargetId", "ClientAddress", "RequestId", "PreviousHash", "Hash")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14)
            """;
        var values = Enumerable.Range(0, 15).Select(i => insert.Parameters.Add(new SqliteParameter($"@p{i}", null))).ToArray();
        insert.Prepare();

        // The index rows the API writes with every event (GET /audit reads them), so seeded events are found as real ones.
        await using var caseLink = connection.CreateCommand();
        caseLink.CommandText = "INSERT INTO \"AuditEventCases\" (\"CaseId\", \"Sequence\") VALUES (@value, @sequence)";
        var caseLinkValue = caseLink.Parameters.Add(new SqliteParameter("@value", null));
        var caseLinkSequence = caseLink.Parameters.Add(new SqliteParameter("@sequence", null));
        caseLink.Prepare();
        await using var organizationLink = connection.CreateCommand();
        organizationLink.CommandText = "INSERT INTO \"AuditEventOrganizations\" (\"Organization\", \"Sequence\") VALUES (@value, @sequence)";
        var organizationLinkValue = organizationLink.Parameters.Add(new SqliteParameter("@value", null));
        var organizationLinkSequence = organizationLink.Parameters.Add(new SqliteParameter("@sequence", null));
        organizationLink.Prepare();

        using var chain = new AuditChain();
        var previousBytes = new byte[32];
        var hash = new byte[32];
        var start = AuditChain.ToPrecision(new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc));
        for (var i = 0; i < count; i++)
        {
            if (i % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var e = Event(++sequence, start.AddMilliseconds(i * 250L), i, previous);
            if (!AuditChain.TryParseHash(previous, previousBytes) || !chain.TryHash(e, previousBytes, hash))
            {
                throw new InvalidOperationException($"Seeded event {e.Sequence} is not canonical.");
            }

            e.Hash = Convert.ToHexStringLower(hash);
            object[] row =
            [
                e.Sequence, e.OccurredAt, e.ActorSub, e.ActorOrg, e.ActorRoles, e.Action, e.Outcome.ToString(), e.CaseIds,
                e.Organizations, e.RecordId, e.TargetId, e.ClientAddress, e.RequestId, e.PreviousHash, e.Hash,
            ];
            for (var c = 0; c < row.Length; c++)
            {
                values[c].Value = row[c];
            }

            // Synchronous: Microsoft.Data.Sqlite's async methods run synchronously anyway, and this is the hot loop.
            insert.ExecuteNonQuery();
            caseLinkValue.Value = e.CaseIds;
            caseLinkSequence.Value = e.Sequence;
            caseLink.ExecuteNonQuery();
            foreach (var organization in e.Organizations.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                organizationLinkValue.Value = organization;
                organizationLinkSequence.Value = e.Sequence;
                organizationLink.ExecuteNonQuery();
            }

            previous = e.Hash;
        }

        await using (var head = connection.CreateCommand())
        {
            head.CommandText = "UPDATE \"AuditChainHeads\" SET \"LastSequence\" = @sequence, \"LastHash\" = @hash WHERE \"Id\" = 1";
            head.Parameters.AddWithValue("@sequence", sequence);
            head.Parameters.AddWithValue("@hash", previous);
            await head.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return sequence;
    }

    /// <summary>Events shaped like the API's: a handful of actors and actions, one case each, most of them reads.</summary>
    private static AuditEvent Event(long sequence, DateTime occurredAt, int i, string previousHash)
    {
        var org = (i % 3) switch { 0 => "prov-a", 1 => "prov-b", _ => "orr" };
        var action = Actions[i % Actions.Length];
        var caseId = $"{i % 5000:x8}-0000-7000-8000-{sequence:x12}";
        return new AuditEvent
        {
            Sequence = sequence,
            OccurredAt = occurredAt,
            ActorSub = $"bench-user-{i % 40}",
            ActorOrg = org,
            ActorRoles = org == "orr" ? "Vault.OrrOfficial" : "Vault.Caseworker",
            Action = action,
            Outcome = i % 50 == 0 ? AuditOutcome.Denied : AuditOutcome.Succeeded,
            CaseIds = caseId,
            Organizations = org switch { "prov-a" => ",prov-a,", "orr" => ",orr,prov-a,", _ => ",prov-a,prov-b," },
            RecordId = action.StartsWith("record", StringComparison.Ordinal) ? $"rec-{sequence:x12}" : string.Empty,
            TargetId = string.Empty,
            ClientAddress = "127.0.0.1",
            RequestId = $"0HNBENCH{sequence:X8}:00000001",
            PreviousHash = previousHash,
        };
    }
}
