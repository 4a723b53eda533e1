namespace RecordsVault.Core.Lifecycle;

/// <summary>What can happen to a case's lifecycle.</summary>
public enum CaseTrigger
{
    Close,
    Reopen,
    Sweep,
    RequestDisposition,
    ApproveDisposition,
    RejectDisposition,
    ApplyHold,
    ReleaseHold,

    /// <summary>A rule in force now keeps the case past today: back to Retained, away from disposal.</summary>
    Postpone,

    /// <summary>Removing a record from the file: only while open and not held.</summary>
    DeleteRecord,

    /// <summary>Committing a new record to the file: only while open. A hold does not stop it.</summary>
    AddRecord,
}
