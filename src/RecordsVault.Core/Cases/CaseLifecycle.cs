namespace RecordsVault.Core.Cases;

/// <summary>Where a case stands between service and disposal.</summary>
public enum CaseLifecycle
{
    Open,
    Retained,
    EligibleForDisposition,
    DispositionPending,
    Disposed,
}
