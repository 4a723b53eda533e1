using System.Text.RegularExpressions;

namespace RecordsVault.Core.Access;

/// <summary>Well-known organization ids, and what an id may look like.</summary>
public static partial class Organizations
{
    /// <summary>The Office of Refugee Resettlement itself; providers carry their own ids.</summary>
    public const string Orr = "orr";

    /// <summary>Lowercase letters, digits and '-', 1 to 64, starting with a letter or digit.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}
