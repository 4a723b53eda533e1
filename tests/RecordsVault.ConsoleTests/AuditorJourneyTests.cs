using Microsoft.Playwright;
using RecordsVault.Core.Access;
using RecordsVault.Tests;

namespace RecordsVault.ConsoleTests;

[Collection(ConsoleCollection.Name)]
public sealed class AuditorJourneyTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_auditor_filters_the_trail_to_a_cases_history_and_verifies_the_chain()
    {
        var org = "provider-" + Guid.NewGuid().ToString("N")[..6];
        var caseworker = console.Vault.ClientFor(org, "casey", Roles.Caseworker);
        var id = (await ApiCalls.CreateCaseAsync(caseworker)).Id();
        await ApiCalls.UploadAsync(caseworker, id, "Notes."u8.ToArray());

        var page = await console.NewPageAsync();
        await page.SignInAsync("avery", org, Roles.Auditor);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail" })).ToBeVisibleAsync();
        await page.GetByLabel("Case id").FillAsync(id);
        await page.GetByLabel("Action").FillAsync("record.upload");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "record.upload", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = $"casey ({org})" })).ToBeVisibleAsync();
        await page.ReviewAsync("audit");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the chain" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The chain is intact");
        await page.ReviewAsync("audit-verified");
    }

    [Fact]
    public async Task An_auditor_sees_no_case_list_and_the_console_answers_403_as_the_API_does()
    {
        var org = "provider-" + Guid.NewGuid().ToString("N")[..6];
        var api = await console.Vault.ClientFor(org, "avery", Roles.Auditor).PostAsJsonAsync("/cases", new { });
        var page = await console.NewPageAsync();
        await page.SignInAsync("avery", org, Roles.Auditor);
        var response = await page.GotoAsync("/console/cases/new");

        Assert.Equal((int)api.StatusCode, response!.Status);
        Assert.Equal(403, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New case" })).ToHaveCountAsync(0);
    }
}
