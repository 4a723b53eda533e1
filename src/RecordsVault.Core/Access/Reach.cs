namespace RecordsVault.Core.Access;

/// <summary>Which resources a grant covers.</summary>
public enum Reach
{
    /// <summary>Resources of the caller's own organization.</summary>
    OwnOrganization,

    /// <summary>Resources of every organization, but only for a caller of ORR's organization (<c>org=orr</c>); to anyone else, nothing.</summary>
    EveryOrganization,

    /// <summary>Disclosure requests the caller made, as a member of ORR's organization.</summary>
    Requester,

    /// <summary>Disclosure requests that name the caller as designee, until the designee's access ends.</summary>
    Designee,
}
