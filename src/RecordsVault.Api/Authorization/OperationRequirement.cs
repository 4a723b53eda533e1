using Microsoft.AspNetCore.Authorization;
using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>"May the caller perform this operation on this resource?", answered by the resource handlers.</summary>
public sealed class OperationRequirement : IAuthorizationRequirement
{
    private static readonly Dictionary<Operation, OperationRequirement> All =
        Enum.GetValues<Operation>().ToDictionary(o => o, o => new OperationRequirement(o));

    private OperationRequirement(Operation operation) => Operation = operation;

    public Operation Operation { get; }

    public static OperationRequirement For(Operation operation) => All[operation];

    public override string ToString() => $"Operation {Operation}";
}

/// <summary>
/// "Could any role of the caller ever perform this operation?": the route policy, answered before anything
/// is looked up (403 when not). Kept apart from <see cref="OperationRequirement"/> so that passing it can never
/// stand in for a decision about a resource.
/// </summary>
public sealed class RouteRequirement(Operation operation) : IAuthorizationRequirement
{
    public Operation Operation { get; } = operation;

    public override string ToString() => $"Route of {Operation}";
}
