namespace RecordsVault.Core.Access;

/// <summary>Well-known organization ids.</summary>
public static class Organizations
{
    /// <summary>The Office of Refugee Resettlement itself; providers carry their own ids.</summary>
    public const string Orr = "orr";
}
