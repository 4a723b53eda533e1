using System.Text.Json;
using Microsoft.Playwright;
using RecordsVault.Tests;

namespace RecordsVault.ConsoleTests;

/// <summary>What every journey does on the way: sign in, scan a page for accessibility, take its picture.</summary>
public static class ConsolePages
{
    private static readonly string AxeScript = Path.Combine(RepositoryRoot.Path, "node_modules", "axe-core", "axe.min.js");

    /// <summary>Local mode's sign-in form, filled in as a user would.</summary>
    public static async Task SignInAsync(this IPage page, string name, string organization, params string[] roles)
    {
        await page.GotoAsync("/console/signin");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Organization").FillAsync(organization);
        foreach (var role in roles)
        {
            await page.GetByLabel(role, new() { Exact = true }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs axe-core (the pinned npm package, injected from node_modules) on the page as it is, and fails on any
    /// serious or critical violation, naming the rule and the elements.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // Evaluated through the DevTools protocol rather than added as a script tag: the page's own CSP
        // (script-src 'self', no inline script) stays in force during the scan and would refuse the tag.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript));
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '));
            }
            """);
        var violations = result.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(violations.Count == 0, $"{page.Url}:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// A full-page picture under the test data's screenshots folder; with VAULT_WRITE_DOCS=1 also into
    /// docs/guide/images, which the user guides show.
    /// </summary>
    public static async Task ShootAsync(this IPage page, string name)
    {
        var folder = Path.Combine(Environment.GetEnvironmentVariable("VAULT_TEST_DATA") ?? Path.GetTempPath(), "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        if (Environment.GetEnvironmentVariable("VAULT_WRITE_DOCS") == "1")
        {
            var docs = Path.Combine(RepositoryRoot.Path, "docs", "guide", "images");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }

    /// <summary>Scans and photographs the page: every page a journey reaches gets both.</summary>
    public static async Task ReviewAsync(this IPage page, string name)
    {
        await page.AssertAccessibleAsync();
        await page.ShootAsync(name);
    }
}
