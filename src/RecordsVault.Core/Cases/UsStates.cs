namespace RecordsVault.Core.Cases;

/// <summary>Two-letter codes of the states, DC and the territories whose licensing rules may apply.</summary>
public static class UsStates
{
    private static readonly HashSet<string> Codes =
    [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
        "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
        "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "DC", "PR", "GU", "VI", "AS", "MP",
    ];

    public static bool IsValid(string? code) => code is { Length: 2 } && Codes.Contains(code);
}
