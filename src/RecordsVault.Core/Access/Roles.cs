namespace RecordsVault.Core.Access;

/// <summary>The app roles carried in the token's <c>roles</c> claim.</summary>
public static class Roles
{
    public const string Caseworker = "Vault.Caseworker";
    public const string RecordsManager = "Vault.RecordsManager";
    public const string OrrOfficial = "Vault.OrrOfficial";
    public const string OrrDesignee = "Vault.OrrDesignee";
    public const string Auditor = "Vault.Auditor";

    public static IReadOnlyList<string> All { get; } = [Caseworker, RecordsManager, OrrOfficial, OrrDesignee, Auditor];
}
