using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using RecordsVault.Core.Access;
using RecordsVault.Tests;

namespace RecordsVault.ConsoleTests;

[Collection(ConsoleCollection.Name)]
public sealed class CaseworkerJourneyTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_caseworker_signs_in_opens_a_case_and_sees_it_with_its_retention()
    {
        var org = "provider-" + Guid.NewGuid().ToString("N")[..6];
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/cases");
        Assert.EndsWith("/console/signin?returnUrl=%2Fconsole%2Fcases", page.Url, StringComparison.Ordinal);
        await page.ReviewAsync("signin");

        await page.SignInAsync("casey", org, Roles.Caseworker);
        await page.ReviewAsync("cases-empty");
        await page.GetByRole(AriaRole.Link, new() { Name = "New case" }).ClickAsync();
        var number = "C-" + Guid.NewGuid().ToString("N")[..8];
        await page.GetByLabel("Case number").FillAsync(number);
        await page.GetByLabel("State (two letters)").FillAsync("TX");
        await page.GetByLabel("Release date").FillAsync("2025-01-15");
        await page.GetByLabel("Child's date of birth").FillAsync("2010-06-01");
        await page.GetByLabel("Post-release services level").FillAsync("2");
        await page.ReviewAsync("case-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the case" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Case {number}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Retention" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Counted from" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "the end of services, plus 3 year(s)" })).ToBeVisibleAsync();
        Assert.DoesNotContain(number, await page.TitleAsync(), StringComparison.Ordinal);
        await page.ReviewAsync("case");

        // Through the file chooser, as a user picks a file; the script sends it with a progress bar.
        await page.GetByLabel("Title").FillAsync("Home study report");
        await page.GetByLabel("Kind").FillAsync("home-study");
        await page.GetByLabel("Date developed").FillAsync("2025-02-01");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByLabel("File (PDF, PNG, JPEG, TIFF or text)").ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "home-study.txt", MimeType = "text/plain", Buffer = "Visit notes, page one."u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Home study report", Exact = true })).ToBeVisibleAsync();
        await page.ReviewAsync("case-with-record");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download Home study report" }).ClickAsync());
        await using (var stream = await download.CreateReadStreamAsync())
        using (var reader = new StreamReader(stream))
        {
            Assert.Equal("Visit notes, page one.", await reader.ReadToEndAsync());
        }

        // Only records managers delete records: the caseworker is not offered the button.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete Home study report" })).ToHaveCountAsync(0);

        // The case's history: the upload and the download just made, newest first, by this caseworker.
        await page.GetByRole(AriaRole.Link, new() { Name = "History of this case" }).ClickAsync();
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("record.content");
        await Assertions.Expect(rows.Filter(new() { HasText = "record.upload" })).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Last).ToContainTextAsync("case.create");
        await page.ReviewAsync("case-history");

        await page.GotoAsync("/console/cases");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
        await page.ReviewAsync("cases");

        // Search by the start of the case number, then narrow to held cases: this one is not held.
        await page.GetByLabel("Case number, or its start").FillAsync(number[..5]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
        await page.GetByLabel("Litigation hold").SelectOptionAsync("true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No cases match.")).ToBeVisibleAsync();
        await page.GetByLabel("Litigation hold").SelectOptionAsync("false");
        await page.GetByLabel("State").FillAsync("CA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No cases match.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Without_JavaScript_an_upload_still_posts_and_a_console_upload_is_audited_as_the_API_s()
    {
        var org = "provider-" + Guid.NewGuid().ToString("N")[..6];
        var created = await Tests.ApiCalls.CreateCaseAsync(console.Vault.ClientFor(org, "api-user", Roles.Caseworker));
        var id = created.GetProperty("id").GetString();
        var page = await console.NewPageAsync(javaScript: false);
        await page.SignInAsync("casey", org, Roles.Caseworker);
        await page.GotoAsync($"/console/cases/{id}");
        await page.GetByLabel("Title").FillAsync("Service plan");
        await page.GetByLabel("Kind").FillAsync("service-plan");
        await page.GetByLabel("Date developed").FillAsync("2025-03-01");
        await page.GetByLabel("File (PDF, PNG, JPEG, TIFF or text)").SetInputFilesAsync(
            new FilePayload { Name = "plan.txt", MimeType = "text/plain", Buffer = "Plan."u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Service plan", Exact = true })).ToBeVisibleAsync();

        var auditor = console.Vault.ClientFor(org, "auditor", Roles.Auditor);
        var events = await auditor.GetFromJsonAsync<JsonElement>($"/audit?caseId={id}&action=record.upload");
        var upload = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.Equal("casey", upload.GetProperty("actor").GetProperty("sub").GetString());
        Assert.Equal("Succeeded", upload.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrEmpty(upload.GetProperty("recordId").GetString()));
    }

    [Fact]
    public async Task The_pages_fit_a_320_pixel_wide_screen_without_sideways_scrolling()
    {
        var org = "provider-" + Guid.NewGuid().ToString("N")[..6];
        var id = (await Tests.ApiCalls.CreateCaseAsync(console.Vault.ClientFor(org, "api-user", Roles.Caseworker))).Id();
        var page = await console.NewPageAsync(width: 320);
        await page.SignInAsync("casey", org, Roles.Caseworker);
        foreach (var path in new[] { "/console/cases", "/console/cases/new", $"/console/cases/{id}" })
        {
            await page.GotoAsync(path);
            var wide = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 321).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')");
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 320, $"{path} scrolls sideways at 320 px ({await page.EvaluateAsync<int>("document.documentElement.scrollWidth")}): {wide}");
        }

        await page.ReviewAsync("case-narrow");
    }

    [Fact]
    public async Task The_new_case_form_names_the_fields_that_are_wrong_and_keeps_what_was_typed()
    {
        var page = await console.NewPageAsync();
        await page.SignInAsync("casey", "provider-" + Guid.NewGuid().ToString("N")[..6], Roles.Caseworker);
        await page.GotoAsync("/console/cases/new");
        await page.GetByLabel("Case number").FillAsync("C-kept");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create the case" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("state");
        await Assertions.Expect(page.GetByLabel("Case number")).ToHaveValueAsync("C-kept");
        await page.ReviewAsync("case-new-errors");
    }

    [Fact]
    public async Task Another_organizations_case_answers_404_in_the_console_as_in_the_API_and_the_refusal_is_audited()
    {
        var owner = console.Vault.ClientFor("provider-a", "owner", Roles.Caseworker);
        var created = await Tests.ApiCalls.CreateCaseAsync(owner);
        var id = created.GetProperty("id").GetString();
        var outsider = console.Vault.ClientFor("provider-b", "outsider", Roles.Caseworker);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/cases/{id}")).StatusCode);

        var page = await console.NewPageAsync();
        await page.SignInAsync("outsider", "provider-b", Roles.Caseworker);
        var missing = await page.GotoAsync("/console/cases/does-not-exist");
        var missingText = await missing!.TextAsync();
        var other = await page.GotoAsync($"/console/cases/{id}");

        Assert.Equal(404, other!.Status);
        Assert.Equal(404, missing.Status);
        Assert.Equal(WithoutToken(missingText), WithoutToken(await other.TextAsync()));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You may not see this" })).ToBeVisibleAsync();
        await page.ReviewAsync("denied");

        var auditor = console.Vault.ClientFor("provider-a", "auditor", Roles.Auditor);
        var events = await auditor.GetFromJsonAsync<JsonElement>($"/audit?caseId={id}&action=case.read&actor=outsider");
        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.GetProperty("outcome").GetString() == "Denied");
    }

    [Fact]
    public async Task The_console_cookie_opens_no_API_route_and_pages_carry_the_security_headers()
    {
        var page = await console.NewPageAsync();
        await page.SignInAsync("casey", "provider-a", Roles.Caseworker);
        var response = await page.GotoAsync("/console/cases");
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("script-src 'self'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);

        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "vault.console");
        Assert.True(cookie.HttpOnly);
        using var client = new HttpClient { BaseAddress = console.Vault.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cases");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    /// <summary>The page less its antiforgery token, which differs on every response.</summary>
    private static string WithoutToken(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"", string.Empty);
}
