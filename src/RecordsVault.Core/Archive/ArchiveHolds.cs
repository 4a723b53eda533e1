using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecordsVault.Core.Archive;

/// <summary>One active litigation hold on a case, as a manifest carries it.</summary>
public sealed record ArchiveHold(
    [property: JsonPropertyName("matter")] string Matter,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>
/// The <c>holds</c> column: a JSON array of <c>{"matter": ..., "reason": ...}</c>, empty for none. Compared by
/// value, so two rows of a case must carry the same holds.
/// </summary>
public sealed class ArchiveHolds : IEquatable<ArchiveHolds>
{
    public static readonly ArchiveHolds None = new([]);

    private ArchiveHolds(IReadOnlyList<ArchiveHold> items) => Items = items;

    public IReadOnlyList<ArchiveHold> Items { get; }

    public static ArchiveHolds Of(IEnumerable<ArchiveHold> holds) => new([.. holds.Distinct()]);

    /// <summary>Parses the column; null with a reason when it is not a list of holds the vault would accept.</summary>
    public static ArchiveHolds? Parse(string text, out string? problem)
    {
        problem = null;
        if (text.Length == 0)
        {
            return None;
        }

        try
        {
            var holds = JsonSerializer.Deserialize<List<ArchiveHold?>>(text);
            if (holds is null || holds.Any(h => h is null || !Fits(h.Matter, 200) || !Fits(h.Reason, 1000)))
            {
                problem = "holds: each hold needs a matter of 1 to 200 and a reason of 1 to 1000 printable characters.";
                return null;
            }

            return Of(holds!);
        }
        catch (JsonException)
        {
            problem = """holds: not a JSON list like [{"matter":"Doe v. Example","reason":"Subpoena"}].""";
            return null;
        }
    }

    public string ToColumn() => Items.Count == 0 ? string.Empty : JsonSerializer.Serialize(Items);

    public bool Equals(ArchiveHolds? other) => other is not null && Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => Equals(obj as ArchiveHolds);

    public override int GetHashCode() => Items.Count;

    private static bool Fits(string? text, int max) => text is not null && text.Trim().Length is > 0 && text.Length <= max && !text.Any(char.IsControl);
}
