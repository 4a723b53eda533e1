using System.Net;
using Microsoft.Playwright;
using RecordsVault.Core.Access;
using RecordsVault.Tests;

namespace RecordsVault.ConsoleTests;

[Collection(ConsoleCollection.Name)]
public sealed class RecordsManagerJourneyTests(ConsoleFixture console)
{
    [Fact]
    public async Task Two_records_managers_hold_release_request_and_approve_a_disposal_and_open_its_certificate()
    {
        var org = "provider-" + Guid.NewGuid().ToString("N")[..6];
        var caseworker = console.Vault.ClientFor(org, "casey", Roles.Caseworker);
        var number = "C-" + Guid.NewGuid().ToString("N")[..8];
        var id = (await ApiCalls.CreateCaseAsync(caseworker, number, releaseDate: "2015-06-01")).Id();
        await ApiCalls.UploadAsync(caseworker, id, "Old notes."u8.ToArray());
        await ApiCalls.PostJsonAsync(caseworker, $"/cases/{id}/close", new { servicePeriodEnd = "2016-01-01", reason = "Services concluded." }, HttpStatusCode.OK);

        var first = await console.NewPageAsync();
        await first.SignInAsync("morgan", org, Roles.RecordsManager);
        await first.GotoAsync("/console/cases");
        await first.GetByLabel($"Choose case {number}").CheckAsync();
        await first.GetByLabel("Matter").FillAsync("Doe v. Agency");
        await first.GetByLabel("Reason").FillAsync("Counsel asked to preserve the file.");
        await first.ReviewAsync("cases-hold");
        await first.GetByRole(AriaRole.Button, new() { Name = "Place the hold" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Hold: Doe v. Agency" })).ToBeVisibleAsync();
        await first.ReviewAsync("hold");

        await first.GetByLabel("Resolution").FillAsync("Matter settled.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Release the hold" }).ClickAsync();
        await Assertions.Expect(first.GetByText("Released by morgan")).ToBeVisibleAsync();
        await first.GotoAsync("/console/holds");
        await first.ReviewAsync("holds");

        await first.GetByRole(AriaRole.Link, new() { Name = "Disposition queue" }).ClickAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Find cases due for disposal" }).ClickAsync();
        await first.ReviewAsync("disposition-queue");
        await first.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Request disposal" }).ClickAsync();
        await Assertions.Expect(first.GetByText("disposal requested by morgan")).ToBeVisibleAsync();
        // One records manager never approves their own request.
        await Assertions.Expect(first.GetByRole(AriaRole.Button, new() { Name = "Approve disposal" })).ToHaveCountAsync(0);

        var second = await console.NewPageAsync();
        await second.SignInAsync("riley", org, Roles.RecordsManager);
        await second.GotoAsync($"/console/cases/{id}");
        await second.ReviewAsync("disposition-pending");
        await second.GetByRole(AriaRole.Button, new() { Name = "Approve disposal" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Certificate of disposal" })).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByText("riley,")).ToBeVisibleAsync();
        await second.ReviewAsync("certificate");
    }
}
