namespace RecordsVault.Core.Access;

/// <summary>The organizations a listing covers: every one (<see cref="Organization"/> null), exactly one, or none.</summary>
public sealed record OrganizationScope(bool IsEvery, string? Organization)
{
    public static OrganizationScope Every { get; } = new(true, null);

    public static OrganizationScope None { get; } = new(false, null);

    public static OrganizationScope Only(string organization) => new(false, organization);

    public bool IsNone => !IsEvery && Organization is null;

    public bool Covers(string organization) => IsEvery || Organization == organization;
}
