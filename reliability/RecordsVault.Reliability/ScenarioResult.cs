namespace RecordsVault.Reliability;

/// <summary>One line of the table: what was done, what was checked, and how it went.</summary>
internal sealed record ScenarioResult(string Scenario, string Done, string Checked, string Result, int Checks, double Seconds, IReadOnlyList<string> Failures)
{
    public bool Passed => Result == "pass";
}
