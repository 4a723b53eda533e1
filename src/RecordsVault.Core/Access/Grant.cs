namespace RecordsVault.Core.Access;

/// <summary>One role's permission to perform an operation, over a reach.</summary>
public sealed record Grant(string Role, Reach Reach);

/// <summary>One row of the permission table: an operation, what it acts on, and every grant of it.</summary>
public sealed record Permission(Operation Operation, ResourceKind Resource, string Summary, IReadOnlyList<Grant> Grants);
