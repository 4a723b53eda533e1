using RecordsVault.Core.Cases;
using RecordsVault.Core.Retention;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RecordsVault.Infrastructure.Retention;

/// <summary>A retention policy file that cannot be used; the service refuses to start.</summary>
public sealed class PolicyException(string file, string? ruleId, string problem)
    : Exception($"Retention policy {file}{(ruleId is null ? string.Empty : $", rule '{ruleId}'")}: {problem}");

/// <summary>Reads every <c>*.yaml</c> file of the policy folder into one validated <see cref="RetentionPolicy"/>.</summary>
public static class PolicyLoader
{
    /// <summary>No records rule runs longer than a century; a bigger number is a typo, not a policy.</summary>
    private const int MaxYears = 100;

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    public static RetentionPolicy Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new PolicyException(folder, null, "the folder does not exist (set VAULT_POLICIES or Vault:PoliciesPath).");
        }

        var rules = new List<RetentionRule>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var rule in ReadFile(file))
            {
                if (!seen.TryAdd(rule.Id, file))
                {
                    throw new PolicyException(file, rule.Id, $"duplicate id; it is already defined in {seen[rule.Id]}.");
                }

                rules.Add(rule);
            }
        }

        return rules.Any(r => r.Jurisdiction == RetentionRule.Federal)
            ? new RetentionPolicy(rules)
            : throw new PolicyException(folder, null, "no 'federal' rule: ORR guide 6.2.5 (three years after services end) must be present.");
    }

    private static List<RetentionRule> ReadFile(string file)
    {
        PolicyFile? parsed;
        try
        {
            using var reader = File.OpenText(file);
            parsed = Yaml.Deserialize<PolicyFile?>(reader);
        }
        catch (YamlException ex)
        {
            throw new PolicyException(file, null, $"not valid YAML for a rules file at line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}");
        }

        if (parsed?.Rules is not { Count: > 0 } list)
        {
            throw new PolicyException(file, null, "it has no 'rules:' list.");
        }

        return list.Select((dto, index) => ToRule(file, dto, index)).ToList();
    }

    private static RetentionRule ToRule(string file, RuleDto dto, int index)
    {
        var id = dto.Id;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new PolicyException(file, $"#{index + 1}", "'id' is required.");
        }

        string Fail(string problem) => throw new PolicyException(file, id, problem);
        var jurisdiction = dto.Jurisdiction switch
        {
            RetentionRule.Federal => RetentionRule.Federal,
            { } state when UsStates.IsValid(state) => state,
            _ => Fail("'jurisdiction' must be 'federal' or a two-letter state code in capitals."),
        };
        var anchor = dto.Anchor switch
        {
            "servicePeriodEnd" => RetentionAnchor.ServicePeriodEnd,
            "childAge18" => RetentionAnchor.ChildAge18,
            _ => throw new PolicyException(file, id, $"unknown anchor '{dto.Anchor}'; use servicePeriodEnd or childAge18."),
        };
        if (string.IsNullOrWhiteSpace(dto.Citation))
        {
            Fail("'citation' is required: a rule without a source cannot justify keeping or destroying a file.");
        }

        var years = dto.Years ?? throw new PolicyException(file, id, "'years' is required (write 0 if the period is in months only).");
        var months = dto.Months ?? throw new PolicyException(file, id, "'months' is required (write 0 if the period is in whole years).");
        if (years is < 0 or > MaxYears)
        {
            Fail($"'years' is {years}; it must be between 0 and {MaxYears}.");
        }

        if (months is < 0 or > 11)
        {
            Fail($"'months' is {months}; it must be between 0 and 11 (write whole years as 'years').");
        }

        if (years + months == 0)
        {
            Fail("'years' and 'months' are both zero: a rule that keeps nothing cannot be meant.");
        }

        return new RetentionRule(id, jurisdiction, dto.Citation!, anchor, years, months);
    }

    private sealed class PolicyFile
    {
        public List<RuleDto>? Rules { get; set; }
    }

    private sealed class RuleDto
    {
        public string? Id { get; set; }
        public string? Jurisdiction { get; set; }
        public string? Citation { get; set; }
        public string? Anchor { get; set; }
        public int? Years { get; set; }
        public int? Months { get; set; }
    }
}
