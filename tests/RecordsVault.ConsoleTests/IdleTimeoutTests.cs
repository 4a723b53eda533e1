using Microsoft.Extensions.Configuration;
using RecordsVault.Api.Console;
using RecordsVault.Core.Access;
using RecordsVault.Tests;

namespace RecordsVault.ConsoleTests;

/// <summary>A console session ends after <c>Vault:Console:IdleTimeout</c> without a request, and lives on while used.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class IdleTimeoutTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_session_in_use_lives_past_the_timeout_and_an_idle_one_is_sent_to_sign_in()
    {
        await using var vault = await RunningVault.StartAsync(new Dictionary<string, string> { [ConsoleSession.IdleTimeoutSetting] = "00:00:04" });
        await using var context = await console.Browser.NewContextAsync(new() { BaseURL = vault.BaseAddress.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        await page.SignInAsync("casey", "provider-a", Roles.Caseworker);

        // A request every second for longer than the timeout: each one renews the session.
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await page.GotoAsync("/console/cases");
            Assert.DoesNotContain("/console/signin", page.Url, StringComparison.Ordinal);
        }

        await Task.Delay(TimeSpan.FromSeconds(6));
        await page.GotoAsync("/console/cases");
        Assert.Contains("/console/signin", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-00:05:00")]
    [InlineData("1.00:00:00")]
    [InlineData("soon")]
    public void An_idle_timeout_that_is_not_a_sensible_time_stops_the_vault_at_start(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(ConsoleSession.IdleTimeoutSetting, value)]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ConsoleSession.IdleTimeout(configuration));
        Assert.Contains(ConsoleSession.IdleTimeoutSetting, error.Message, StringComparison.Ordinal);
    }
}
