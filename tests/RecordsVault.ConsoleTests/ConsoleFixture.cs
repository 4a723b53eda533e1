using Microsoft.Playwright;
using RecordsVault.Tests;

namespace RecordsVault.ConsoleTests;

/// <summary>
/// The built API serving on a real port, in Local identity mode, and Debian's Chromium driven by Playwright.
/// Playwright's own browser download is never used: the browser is the system's.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public RunningVault Vault { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Vault = await RunningVault.StartAsync(new Dictionary<string, string>());
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: ./test.sh installs it (apt-get install chromium).");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI containers: Chromium's sandbox needs user namespaces these machines do not give.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) and page, on the vault's address.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            JavaScriptEnabled = javaScript,
            BaseURL = Vault.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new() { Width = width, Height = 900 },
            AcceptDownloads = true,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (Vault is not null)
        {
            await Vault.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
