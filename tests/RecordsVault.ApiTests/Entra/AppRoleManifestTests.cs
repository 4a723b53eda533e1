using System.Text.Json;
using RecordsVault.Core.Access;

namespace RecordsVault.ApiTests.Entra;

/// <summary>infra/entra/app-roles.json, which `az ad app create --app-roles` reads, declares exactly the vault's roles.</summary>
public sealed class AppRoleManifestTests
{
    private static readonly JsonElement[] Manifest = Load();

    [Fact]
    public void The_manifest_declares_every_role_of_the_vault_and_no_other()
    {
        var values = Manifest.Select(r => r.GetProperty("value").GetString()).ToList();

        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_role_has_its_own_id_and_is_enabled_for_users()
    {
        var ids = Manifest.Select(r => Guid.Parse(r.GetProperty("id").GetString()!)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(Manifest, r =>
        {
            Assert.True(r.GetProperty("isEnabled").GetBoolean());
            Assert.Contains("User", r.GetProperty("allowedMemberTypes").EnumerateArray().Select(t => t.GetString()));
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("displayName").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("description").GetString()));
        });
    }

    private static JsonElement[] Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "infra", "entra", "app-roles.json");
            if (File.Exists(path))
            {
                return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
            }
        }

        throw new InvalidOperationException("infra/entra/app-roles.json not found above the test binaries.");
    }
}
