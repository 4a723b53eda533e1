using System.Globalization;
using System.Text.Json;

namespace RecordsVault.Bench;

/// <param name="PostgresApi">Rows 5 and 6: a second API on PostgreSQL (bench.sh starts it); null when not started.</param>
/// <param name="PacketApi">Row 7: an API of its own, so that its peak memory is this row's alone; null when not started.</param>
internal sealed record Arguments(
    Uri Api, int ApiProcessId, string Output, bool Quick, IReadOnlySet<int> Only, Uri? PostgresApi, int? PostgresApiProcessId, Uri? PacketApi, int? PacketApiProcessId)
{
    /// <summary>camelCase and indented; relaxed escaping keeps "<=" readable, as the file is data, never HTML.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Arguments Parse(string[] args)
    {
        Uri? api = null;
        int? pid = null;
        var output = "bench/results/latest.json";
        var quick = false;
        var only = new HashSet<int>();
        Uri? postgresApi = null, packetApi = null;
        int? packetPid = null, postgresPid = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--api" when value is not null: api = Url(value); i++; break;
                case "--api-pid" when value is not null: pid = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--postgres-api" when value is not null: postgresApi = Url(value); i++; break;
                case "--postgres-api-pid" when value is not null: postgresPid = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--packet-api" when value is not null: packetApi = Url(value); i++; break;
                case "--packet-api-pid" when value is not null: packetPid = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--out" when value is not null: output = value; i++; break;
                case "--quick": quick = true; break;
                case "--only" when value is not null:
                    only.UnionWith(value.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)));
                    i++;
                    break;
                default: throw new ArgumentException($"unexpected argument '{args[i]}'; usage: --api URL --api-pid PID [--out FILE] [--quick] [--only ROW[,ROW]] " +
                    "[--postgres-api URL --postgres-api-pid PID] [--packet-api URL --packet-api-pid PID]");
            }
        }

        return new Arguments(
            api ?? throw new ArgumentException("--api URL is required"),
            pid ?? throw new ArgumentException("--api-pid PID is required"),
            output,
            quick,
            only,
            postgresApi,
            postgresApi is null ? null : postgresPid ?? throw new ArgumentException("--postgres-api needs --postgres-api-pid"),
            packetApi,
            packetApi is null ? null : packetPid ?? throw new ArgumentException("--packet-api needs --packet-api-pid"));
    }

    /// <summary>An environment variable, or null when it is unset or empty.</summary>
    public static string? OptionalEnvironment(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static Uri Url(string value) => new(value.TrimEnd('/') + "/");

    public static string Environment(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set; run ./bench.sh");
}
