namespace RecordsVault.Core.Cases;

/// <summary>Why the case receives post-release services (ORR guide 6.2).</summary>
public enum PrsType
{
    Tvpra,
    HomeStudy,
    Discretionary,
}
