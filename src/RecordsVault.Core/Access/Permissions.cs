namespace RecordsVault.Core.Access;

/// <summary>
/// The decisions read from <see cref="PermissionTable"/>. A caller may perform an operation on a target only
/// if one single role it holds grants the operation with a reach that covers the target: roles never combine.
/// </summary>
public static class Permissions
{
    /// <summary>May the caller perform the operation on this target?</summary>
    public static bool Allows(Caller caller, Operation operation, AccessTarget target, DateTime now) =>
        HeldGrants(caller, operation).Any(g => Covers(g.Reach, caller, target, now));

    /// <summary>
    /// Could any role the caller holds ever perform the operation? The route policies ask this: when not,
    /// the answer is 403 before anything is looked up. A grant of every organization counts only with org=orr.
    /// </summary>
    public static bool MayAttempt(Caller caller, Operation operation) =>
        HeldGrants(caller, operation).Any(g => g.Reach switch
        {
            Reach.OwnOrganization => caller.Organization.Length > 0,
            Reach.EveryOrganization or Reach.Requester => caller.IsOrr,
            Reach.Designee => caller.Subject.Length > 0,
            _ => false,
        });

    /// <summary>The organizations a listing or search shows the caller: every one, its own, or none.</summary>
    public static OrganizationScope ScopeOf(Caller caller, Operation operation)
    {
        var grants = HeldGrants(caller, operation).ToList();
        if (caller.IsOrr && grants.Any(g => g.Reach == Reach.EveryOrganization))
        {
            return OrganizationScope.Every;
        }

        return caller.Organization.Length > 0 && grants.Any(g => g.Reach == Reach.OwnOrganization)
            ? OrganizationScope.Only(caller.Organization)
            : OrganizationScope.None;
    }

    private static IEnumerable<Grant> HeldGrants(Caller caller, Operation operation) =>
        PermissionTable.For(operation).Grants.Where(g => caller.Roles.Contains(g.Role));

    private static bool Covers(Reach reach, Caller caller, AccessTarget target, DateTime now) => reach switch
    {
        Reach.OwnOrganization => caller.Organization.Length > 0 && target.Organizations.Contains(caller.Organization),
        Reach.EveryOrganization => caller.IsOrr,
        Reach.Requester => caller.IsOrr && caller.Subject.Length > 0 && target.RequestedBy == caller.Subject,
        Reach.Designee => caller.Subject.Length > 0 && target.Designee == caller.Subject && now < target.DesigneeUntil,
        _ => false,
    };
}
