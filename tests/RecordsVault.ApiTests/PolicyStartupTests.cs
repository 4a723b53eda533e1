using System.Net;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>A vault with bad retention policies must refuse to start, and say which file and rule.</summary>
public sealed class PolicyStartupTests
{
    public static TheoryData<string, string, string> BadPolicies() => new()
    {
        { "rules:\n  - id: x\n    jurisdiction: federal\n    citation: C\n    anchor: [\n", "bad.yaml", "not valid YAML" },
        { "rules:\n  - id: tx-rule\n    jurisdiction: TX\n    citation: C\n    anchor: releaseDate\n    years: 3\n    months: 0\n", "tx-rule", "unknown anchor" },
        { "rules:\n  - id: orr-guide-6.2.5\n    jurisdiction: federal\n    citation: C\n    anchor: servicePeriodEnd\n    years: 3\n    months: 0\n", "orr-guide-6.2.5", "duplicate id" },
        { "rules:\n  - id: no-cite\n    jurisdiction: TX\n    anchor: servicePeriodEnd\n    years: 3\n    months: 0\n", "no-cite", "citation" },
        { "rules:\n  - id: typo\n    jurisdiction: TX\n    citation: C\n    anchor: servicePeriodEnd\n    yeras: 3\n    months: 0\n", "bad.yaml", "not valid YAML" },
        { Rule("too-long", "years: 150\n    months: 0"), "too-long", "'years' is 150; it must be between 0 and 100" },
        { Rule("negative", "years: -1\n    months: 6"), "negative", "'years' is -1" },
        { Rule("thirteen-months", "years: 1\n    months: 12"), "thirteen-months", "'months' is 12; it must be between 0 and 11" },
        { Rule("no-years", "months: 6"), "no-years", "'years' is required" },
        { Rule("no-months", "years: 3"), "no-months", "'months' is required" },
        { Rule("nothing", "years: 0\n    months: 0"), "nothing", "both zero" },
    };

    /// <summary>A TX rule whose period lines are <paramref name="period"/>.</summary>
    private static string Rule(string id, string period) =>
        $"rules:\n  - id: {id}\n    jurisdiction: TX\n    citation: C\n    anchor: servicePeriodEnd\n    {period}\n";

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void Bad_policy_file_stops_the_service_naming_the_file_and_rule(string yaml, string named, string problem)
    {
        var folder = PolicyFolder(("federal.yaml", Federal), ("bad.yaml", yaml));
        using var factory = new VaultFactory(settings: new Dictionary<string, string> { ["Vault:PoliciesPath"] = folder });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = error.ToString();
        Assert.Contains("bad.yaml", message, StringComparison.Ordinal);
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policies_without_a_federal_rule_stop_the_service()
    {
        var folder = PolicyFolder(("tx.yaml", "rules:\n  - id: tx\n    jurisdiction: TX\n    citation: C\n    anchor: childAge18\n    years: 5\n    months: 0\n"));
        using var factory = new VaultFactory(settings: new Dictionary<string, string> { ["Vault:PoliciesPath"] = folder });

        Assert.Contains("federal", Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_rule_from_a_named_folder_sets_retainUntil_and_clears_licensingRuleMissing()
    {
        var folder = PolicyFolder(("federal.yaml", Federal),
            ("tx.yaml", "rules:\n  - id: tx-example\n    jurisdiction: TX\n    citation: \"Example standard\"\n    anchor: childAge18\n    years: 5\n    months: 0\n"));
        await using var factory = new VaultFactory(settings: new Dictionary<string, string> { ["Vault:PoliciesPath"] = folder });
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(cw)).Id();
        await ApiCalls.PostJsonAsync(cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2025-03-31", reason = "Done" }, HttpStatusCode.OK);

        var retention = await ApiCalls.ExpectJsonAsync(await cw.GetAsync($"/cases/{caseId}/retention"), HttpStatusCode.OK);

        Assert.Equal("2033-06-01", retention.GetProperty("retainUntil").GetString()); // born 2010-06-01: 18 in 2028, plus five years
        Assert.False(retention.GetProperty("licensingRuleMissing").GetBoolean());
        Assert.Equal(2, retention.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task Shipped_policies_load_and_a_state_without_a_rule_is_flagged()
    {
        await using var factory = new VaultFactory();
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(cw)).Id();
        await ApiCalls.PostJsonAsync(cw, $"/cases/{caseId}/close", new { servicePeriodEnd = "2025-03-31", reason = "Done" }, HttpStatusCode.OK);

        var retention = await ApiCalls.ExpectJsonAsync(await cw.GetAsync($"/cases/{caseId}/retention"), HttpStatusCode.OK);

        Assert.True(retention.GetProperty("licensingRuleMissing").GetBoolean());
        Assert.Equal("2028-03-31", retention.GetProperty("retainUntil").GetString());
        var rule = retention.GetProperty("rules")[0];
        Assert.Equal("orr-guide-6.2.5", rule.GetProperty("id").GetString());
        Assert.Contains("6.2.5", rule.GetProperty("citation").GetString(), StringComparison.Ordinal);
        Assert.False(retention.GetProperty("eligibleForDisposition").GetBoolean());
    }

    [Theory]
    [InlineData("2025-01-14", "servicePeriodEnd")] // before the release date
    [InlineData("2999-01-01", "servicePeriodEnd")]
    public async Task Close_with_an_impossible_end_date_answers_400(string end, string field)
    {
        await using var factory = new VaultFactory();
        var cw = factory.ClientFor("prov-a", "cw", "Vault.Caseworker");
        var caseId = (await ApiCalls.CreateCaseAsync(cw)).Id();

        var problem = await ApiCalls.PostJsonAsync(cw, $"/cases/{caseId}/close", new { servicePeriodEnd = end, reason = "Done" }, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    private const string Federal =
        "rules:\n  - id: orr-guide-6.2.5\n    jurisdiction: federal\n    citation: \"ORR Guide 6.2.5\"\n    anchor: servicePeriodEnd\n    years: 3\n    months: 0\n";

    private static string PolicyFolder(params (string Name, string Yaml)[] files)
    {
        var folder = TestEnvironment.NewDataPath();
        foreach (var (name, yaml) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), yaml);
        }

        return folder;
    }
}
