namespace RecordsVault.Api.Transfers;

/// <summary>
/// Marks an endpoint as moving record content, so that it waits for one of the transfer slots (<see cref="TransferLimits"/>).
/// On a console page it may name the handlers that transfer (<c>?handler=Packet</c>); without names, every request does.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TransferAttribute(params string[] handlers) : Attribute
{
    public bool Covers(HttpContext context) =>
        handlers.Length == 0
        || (context.Request.Query["handler"] is { Count: 1 } handler && handlers.Contains(handler.ToString(), StringComparer.OrdinalIgnoreCase));
}
