using Microsoft.Playwright;
using RecordsVault.Core.Access;
using RecordsVault.Tests;

namespace RecordsVault.ConsoleTests;

[Collection(ConsoleCollection.Name)]
public sealed class ReleaseJourneyTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_providers_release_of_an_ORR_owned_record_waits_for_ORRs_approval_in_the_browser()
    {
        var org = "provider-" + Guid.NewGuid().ToString("N")[..6];
        var caseworker = console.Vault.ClientFor(org, "casey", Roles.Caseworker);
        var id = (await ApiCalls.CreateCaseAsync(caseworker, releaseDate: "2025-01-15")).Id();
        // Developed before the child's release: ORR owns it.
        await ApiCalls.UploadAsync(caseworker, id, "Intake assessment."u8.ToArray(), developedAt: "2024-12-01");

        var manager = await console.NewPageAsync();
        await manager.SignInAsync("morgan", org, Roles.RecordsManager);
        await manager.GotoAsync($"/console/cases/{id}");
        await Assertions.Expect(manager.GetByRole(AriaRole.Cell, new() { Name = "ORR (a release needs ORR's approval)" })).ToBeVisibleAsync();
        await manager.GetByLabel("Choose record Home visit note").CheckAsync();
        await manager.GetByLabel("Recipient").FillAsync("County family court");
        await manager.GetByLabel("Purpose").FillAsync("Court order 24-117");
        await manager.ReviewAsync("case-release");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Release the records" }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Waiting for ORR's approval")).ToBeVisibleAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Link, new() { Name = "Release packet (PDF)" })).ToHaveCountAsync(0);
        await manager.ReviewAsync("release-pending");
        var releasePath = new Uri(manager.Url).AbsolutePath;

        var official = await console.NewPageAsync();
        await official.SignInAsync("olivia", Organizations.Orr, Roles.OrrOfficial);
        await official.GotoAsync("/console/releases");
        await official.ReviewAsync("releases-waiting");
        await official.GotoAsync(releasePath);
        await official.GetByRole(AriaRole.Button, new() { Name = "Approve the release" }).ClickAsync();
        await Assertions.Expect(official.GetByText("approved by olivia")).ToBeVisibleAsync();

        await manager.ReloadAsync();
        var download = await manager.RunAndWaitForDownloadAsync(() => manager.GetByRole(AriaRole.Link, new() { Name = "Release packet (PDF)" }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        var head = new byte[5];
        await stream.ReadExactlyAsync(head);
        Assert.Equal("%PDF-"u8.ToArray(), head);
    }
}
