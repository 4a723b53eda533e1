using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Playwright;
using RecordsVault.Api.Audit;
using RecordsVault.Core.Access;

namespace RecordsVault.ConsoleTests;

[Collection(ConsoleCollection.Name)]
public sealed class ConsoleShapeTests(ConsoleFixture console)
{
    /// <summary>Pages without vault data: signing in and out, and the pages that say "you may not see this".</summary>
    private static readonly string[] Unaudited = ["SignInModel", "SignOutModel", "IndexModel", "NotFoundModel"];

    [Fact]
    public void Every_console_page_that_shows_or_changes_vault_data_names_its_audit_actions()
    {
        var pages = typeof(AuditMetadata).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && !Unaudited.Contains(t.Name))
            .ToList();

        Assert.True(pages.Count >= 14, $"only {pages.Count} page models found");
        Assert.All(pages, p => Assert.True(p.GetCustomAttributes<AuditAttribute>().Any(), $"{p.Name} names no audit action"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_an_unknown_console_address_answers_like_a_missing_thing()
    {
        var page = await console.NewPageAsync();
        await page.SignInAsync("casey", "provider-a", Roles.Caseworker);
        var unknown = await page.GotoAsync("/console/no/such/page");
        Assert.Equal(404, unknown!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You may not see this" })).ToBeVisibleAsync();

        var stylesheet = await page.GotoAsync("/console/site.css");
        Assert.Equal(200, stylesheet!.Status);
        await page.GotoAsync("/console/cases");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/console/cases");
        Assert.Contains("/console/signin", page.Url, StringComparison.Ordinal);
    }
}
