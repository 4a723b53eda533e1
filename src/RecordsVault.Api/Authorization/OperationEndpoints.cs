using RecordsVault.Core.Access;

namespace RecordsVault.Api.Authorization;

/// <summary>Endpoint metadata: the one operation a route performs.</summary>
public sealed record OperationMetadata(Operation Operation);

public static class OperationEndpoints
{
    /// <summary>
    /// Declares the operation the route performs: its route policy (403), its operationId and summary, and the
    /// 401/403 (and, for a resource, 404) problems it can answer.
    /// </summary>
    public static RouteHandlerBuilder RequireOperation(this RouteHandlerBuilder builder, Operation operation)
    {
        var permission = PermissionTable.For(operation);
        builder.RequireAuthorization(Policies.NameOf(operation))
            .WithMetadata(new OperationMetadata(operation))
            .WithName(operation.ToString())
            .WithSummary(permission.Summary)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return permission.Resource == ResourceKind.Organization ? builder : builder.ProducesProblem(StatusCodes.Status404NotFound);
    }
}
