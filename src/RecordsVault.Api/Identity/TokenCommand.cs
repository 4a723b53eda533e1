using RecordsVault.Core.Access;
using RecordsVault.Infrastructure;

namespace RecordsVault.Api.Identity;

/// <summary><c>token --role ROLE [--role ROLE2] --org ORG [--sub NAME] [--minutes N]</c>: prints one local bearer token.</summary>
public static class TokenCommand
{
    public const string Usage = "usage: token --role ROLE [--role ROLE2] --org ORG [--sub NAME] [--minutes N]";

    public static int Run(string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        var options = configuration.GetSection(VaultIdentityOptions.Section).Get<VaultIdentityOptions>() ?? new VaultIdentityOptions();
        if (!options.IsLocal)
        {
            stderr.WriteLine("Vault:Identity:Mode is not 'Local': tokens come from Entra ID, not from this command.");
            return 2;
        }

        var roles = new List<string>();
        string? org = null;
        var subject = "local-user";
        var minutes = 60;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is not null: roles.Add(value); i++; break;
                case "--org" when value is not null: org = value; i++; break;
                case "--sub" when value is not null: subject = value; i++; break;
                case "--minutes" when int.TryParse(value, out var m) && m is > 0 and <= 24 * 60: minutes = m; i++; break;
                default:
                    stderr.WriteLine($"unexpected argument '{args[i]}'");
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }

        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (roles.Count == 0 || unknown.Count > 0 || org is null || !Organizations.IsValidId(org) || string.IsNullOrWhiteSpace(subject))
        {
            if (unknown.Count > 0)
            {
                stderr.WriteLine($"unknown role(s): {string.Join(", ", unknown)}; roles are {string.Join(", ", Roles.All)}");
            }

            stderr.WriteLine(Usage);
            return 2;
        }

        using var key = new LocalSigningKey(options, VaultPaths.From(configuration));
        stdout.WriteLine(LocalTokens.Mint(key, options, subject, org, roles, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(minutes)));
        return 0;
    }
}
