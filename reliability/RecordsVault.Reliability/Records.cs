using System.Text.Json;

namespace RecordsVault.Reliability;

internal static class Records
{
    /// <summary>The ids in a record listing, whether it is a bare array or a page with items.</summary>
    public static List<string> Ids(JsonElement listing)
    {
        var items = listing.ValueKind == JsonValueKind.Array ? listing
            : listing.TryGetProperty("items", out var page) ? page
            : listing.TryGetProperty("records", out var records) ? records : default;
        return items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList() : [];
    }
}
