using RecordsVault.Core.Errors;

namespace RecordsVault.Api.Endpoints;

/// <summary>A list of ids in a request body: required, bounded, no blanks; duplicates are dropped.</summary>
public static class IdList
{
    public static IReadOnlyList<string> Required(IReadOnlyCollection<string>? ids, string field, int max) =>
        ids is { Count: > 0 } && ids.Count <= max && !ids.Any(string.IsNullOrWhiteSpace)
            ? ids.Distinct(StringComparer.Ordinal).ToList()
            : throw new ValidationException(field, $"Between 1 and {max} ids are required.");
}
