using RecordsVault.Core.Errors;

namespace RecordsVault.Api.Endpoints;

/// <summary>Checks for free-text fields: required, trimmed, bounded, no control characters.</summary>
public static class Text
{
    public static string Required(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > maxLength || trimmed.Any(c => char.IsControl(c) && c != '\n')
            ? throw new ValidationException(field, $"Text of 1 to {maxLength} characters is required.")
            : trimmed;
    }
}
