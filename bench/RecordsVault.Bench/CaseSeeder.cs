using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RecordsVault.Bench;

/// <summary>
/// Inserts synthetic closed cases straight into the vault's database for row 6: lifecycle Retained, retainUntil
/// between 2015 and 2023, so every one of them is due. One statement per database (a recursive CTE on SQLite,
/// generate_series on PostgreSQL) in one transaction, into the tables the API's EF migrations created. No CaseKeys
/// rows: the sweep never reads them. Ids and case numbers carry a tag of this run, so the rows never collide.
/// </summary>
internal static class CaseSeeder
{
    public const string Organization = "bench-sweep";

    /// <summary>Every column of Cases this seeder fills; a NOT NULL column without default outside it fails the seeding.</summary>
    private static readonly string[] Columns =
    [
        "Id", "OrganizationId", "CaseNumber", "State", "ReleaseDate", "ChildDateOfBirth", "PrsType", "PrsLevel", "Lifecycle",
        "ServicePeriodEnd", "RetainUntil", "ClosedReason", "CreatedAt", "CreatedBy", "Version",
    ];

    private static string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c}\""));

    public static async Task SeedAsync(SweepTarget target, string tag, int count, CancellationToken cancellationToken)
    {
        await using var connection = Open(target);
        await connection.OpenAsync(cancellationToken);
        await CheckColumnsAsync(connection, target.Database, cancellationToken);
        if (target.Database == SweepDatabase.Sqlite)
        {
            // This connection only: the API's connections keep their own settings.
            await ExecuteAsync(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandTimeout = 900;
            insert.CommandText = target.Database == SweepDatabase.Sqlite ? SqliteInsert : PostgresInsert;
            Parameter(insert, "tag", tag);
            Parameter(insert, "count", count);
            var inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
            if (inserted != count)
            {
                throw new InvalidOperationException($"Seeding inserted {inserted} cases, expected {count}.");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        if (target.Database == SweepDatabase.Postgres)
        {
            // What autovacuum would do shortly after such a load; without statistics the planner guesses.
            await ExecuteAsync(connection, "ANALYZE \"Cases\";", cancellationToken);
        }
    }

    /// <summary>How many of this run's seeded cases have this lifecycle.</summary>
    public static async Task<long> CountAsync(SweepTarget target, string tag, string lifecycle, CancellationToken cancellationToken)
    {
        await using var connection = Open(target);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 300;
        command.CommandText = "SELECT count(*) FROM \"Cases\" WHERE \"OrganizationId\" = @org AND \"Lifecycle\" = @lifecycle AND \"CaseNumber\" LIKE @prefix";
        Parameter(command, "org", Organization);
        Parameter(command, "lifecycle", lifecycle);
        Parameter(command, "prefix", $"SWEEP-{tag}-%");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DbConnection Open(SweepTarget target) => target.Database == SweepDatabase.Sqlite
        ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target.Connection, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString())
        : new NpgsqlConnection(target.Connection);

    // Dates as the API's EF model stores them: DateOnly as yyyy-MM-dd text, DateTime as "yyyy-MM-dd HH:mm:ss" text.
    private static string SqliteInsert => $"""
        INSERT INTO "Cases" ({ColumnList})
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
        SELECT printf('%s-0000-7000-8000-%012d', @tag, i), '{Organization}', printf('SWEEP-%s-%07d', @tag, i), 'TX',
               date('2012-01-01', printf('+%d days', i % 365)), date('2001-01-01', printf('+%d days', i % 2000)),
               CASE i % 3 WHEN 0 THEN 'Tvpra' WHEN 1 THEN 'HomeStudy' ELSE 'Discretionary' END, 1 + (i % 3), 'Retained',
               date('2012-06-01', printf('+%d days', i % 1500)), date('2015-01-01', printf('+%d days', i % 3000)),
               'Services ended (benchmark seed)',
               datetime('2012-01-01 09:30:00', printf('+%d hours', i % 1000)), 'bench-seed', 0
        FROM n
        """;

    private static string PostgresInsert => $"""
        INSERT INTO "Cases" ({ColumnList})
        SELECT format('%s-0000-7000-8000-%s', @tag, lpad(i::text, 12, '0')), '{Organization}', format('SWEEP-%s-%s', @tag, lpad(i::text, 7, '0')), 'TX',
               date '2012-01-01' + (i % 365), date '2001-01-01' + (i % 2000),
               CASE i % 3 WHEN 0 THEN 'Tvpra' WHEN 1 THEN 'HomeStudy' ELSE 'Discretionary' END, 1 + (i % 3), 'Retained',
               date '2012-06-01' + (i % 1500), date '2015-01-01' + (i % 3000),
               'Services ended (benchmark seed)',
               timestamptz '2012-01-01 09:30:00+00' + (i % 1000) * interval '1 hour', 'bench-seed', 0
        FROM generate_series(1, @count) AS i
        """;

    /// <summary>A migration that adds a required column must fail the seeding by name, not insert broken rows.</summary>
    private static async Task CheckColumnsAsync(DbConnection connection, SweepDatabase database, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = database == SweepDatabase.Sqlite
            ? "SELECT name FROM pragma_table_info('Cases') WHERE \"notnull\" = 1 AND dflt_value IS NULL"
            : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Cases' AND is_nullable = 'NO' AND column_default IS NULL";
        var required = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                required.Add(reader.GetString(0));
            }
        }

        if (required.Count == 0)
        {
            throw new InvalidOperationException("The database has no Cases table; did the API apply its migrations?");
        }

        var unfilled = required.Except(Columns, StringComparer.Ordinal).ToList();
        if (unfilled.Count > 0)
        {
            throw new InvalidOperationException($"Cases has required columns the seeder does not fill: {string.Join(", ", unfilled)}.");
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 900;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
