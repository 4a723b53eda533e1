using Microsoft.Playwright;
using RecordsVault.Core.Access;
using RecordsVault.Tests;

namespace RecordsVault.ConsoleTests;

[Collection(ConsoleCollection.Name)]
public sealed class OrrJourneyTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_ORR_official_requests_a_disclosure_and_downloads_the_packet_and_the_designee_downloads_it_too()
    {
        var org = "provider-" + Guid.NewGuid().ToString("N")[..6];
        var caseworker = console.Vault.ClientFor(org, "casey", Roles.Caseworker);
        var number = "C-" + Guid.NewGuid().ToString("N")[..8];
        var id = (await ApiCalls.CreateCaseAsync(caseworker, number)).Id();
        await ApiCalls.UploadAsync(caseworker, id, "Home visit, all well."u8.ToArray());
        var designee = "dana-" + Guid.NewGuid().ToString("N")[..4];

        var official = await console.NewPageAsync();
        await official.SignInAsync("olivia", Organizations.Orr, Roles.OrrOfficial);
        await official.GotoAsync("/console/cases");
        await official.GetByLabel($"Choose case {number}").CheckAsync();
        await official.GetByLabel("Purpose").FillAsync("Sponsor reassessment");
        await official.GetByLabel("Designee (user name, optional)").FillAsync(designee);
        await official.ReviewAsync("orr-cases");
        await official.GetByRole(AriaRole.Button, new() { Name = "Request the disclosure" }).ClickAsync();
        await Assertions.Expect(official.GetByRole(AriaRole.Heading, new() { Name = "Disclosure", Exact = true })).ToBeVisibleAsync();
        await official.ReviewAsync("disclosure");
        await AssertPdfAsync(official);

        var page = await console.NewPageAsync();
        await page.SignInAsync(designee, Organizations.Orr, Roles.OrrDesignee);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Disclosures" })).ToBeVisibleAsync();
        await page.ReviewAsync("designee-disclosures");
        await page.GetByRole(AriaRole.Link, new() { Name = "by olivia" }).ClickAsync();
        await AssertPdfAsync(page);

        // Anyone the disclosure does not name is told it does not exist.
        var stranger = await console.NewPageAsync();
        await stranger.SignInAsync("someone-else", Organizations.Orr, Roles.OrrDesignee);
        var refused = await stranger.GotoAsync(new Uri(page.Url).PathAndQuery);
        Assert.Equal(404, refused!.Status);
    }

    private static async Task AssertPdfAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Disclosure packet" }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        var head = new byte[5];
        await stream.ReadExactlyAsync(head);
        Assert.Equal("%PDF-"u8.ToArray(), head);
    }
}
