using System.Text.Json.Serialization;

namespace RecordsVault.Bench;

/// <summary>One line of the table and of <c>bench/results/latest.json</c>; the row number groups related lines.</summary>
internal sealed class ResultRow
{
    public required int Row { get; init; }

    public required string What { get; init; }

    /// <summary>Null when the capability is missing or the measurement failed: never a made-up number.</summary>
    public required double? Value { get; init; }

    public required string Unit { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Baseline { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Ratio { get; init; }

    /// <summary>Null where the issue sets no aim (e.g. row 4, the reference, or rows 1 and 2 at 1 MiB).</summary>
    public required string? Aim { get; init; }

    /// <summary>Null when there is no aim, or nothing was measured.</summary>
    public required bool? Met { get; init; }

    /// <summary>Why <see cref="Value"/> is null; shown in the table only.</summary>
    [JsonIgnore]
    public string? Note { get; init; }

    /// <summary>A vault figure beside the same work done without the vault; the aim is on the ratio.</summary>
    public static ResultRow Compared(int row, string what, double value, double baseline, string unit, double? maxRatio)
    {
        var ratio = Math.Round(value / baseline, 2);
        return new ResultRow
        {
            Row = row,
            What = what,
            Value = Round(value, unit),
            Unit = unit,
            Baseline = Round(baseline, unit),
            Ratio = ratio,
            Aim = maxRatio is { } max ? $"ratio <= {max}" : null,
            Met = maxRatio is { } m ? ratio <= m : null,
        };
    }

    /// <summary>A figure with an upper or lower bound, or none (<paramref name="aim"/> null).</summary>
    public static ResultRow Measured(int row, string what, double value, string unit, string? aim, Func<double, bool>? met = null)
    {
        var rounded = Round(value, unit);
        return new ResultRow { Row = row, What = what, Value = rounded, Unit = unit, Aim = aim, Met = met?.Invoke(rounded) };
    }

    /// <summary>Nothing measured: the feature has not landed, its benchmark is not written yet, or the run failed.</summary>
    public static ResultRow Missing(int row, string what, string unit, string? aim, string note) =>
        new() { Row = row, What = what, Value = null, Unit = unit, Aim = aim, Met = null, Note = note };

    private static double Round(double value, string unit) => unit switch
    {
        "s" => Math.Round(value, 3),
        "ms" => Math.Round(value, 2),
        "MiB" => Math.Round(value, 1),
        _ => Math.Round(value, value < 100 ? 2 : 0),
    };
}
