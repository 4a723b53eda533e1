using System.Diagnostics;
using System.Text.Json;
using RecordsVault.Tests;
using Xunit.Abstractions;

namespace RecordsVault.ApiTests;

/// <summary>The served document passes Redocly's recommended rules (redocly.yaml), as the repo's pinned CLI runs them.</summary>
public sealed class OpenApiLintTests(OpenApiDocumentFixture document, ITestOutputHelper output) : IClassFixture<OpenApiDocumentFixture>
{
    [Fact]
    public async Task Served_document_has_no_redocly_lint_errors()
    {
        var root = RepositoryRoot.Path;
        var redocly = Path.Combine(root, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: ./test.sh installs it with npm ci.");
        var file = Path.Combine(TestEnvironment.NewDataPath(), "openapi.json");
        await File.WriteAllTextAsync(file, document.Json);

        var (exitCode, stdout, stderr) = await RunAsync(redocly, root,
            "lint", file, "--config", Path.Combine(root, "redocly.yaml"), "--format=json", "--max-problems=1000");

        JsonElement report;
        try
        {
            using var parsed = JsonDocument.Parse(stdout);
            report = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"redocly exited {exitCode} without a JSON report.\nstdout: {stdout}\nstderr: {stderr}");
        }

        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => (Severity: p.GetProperty("severity").GetString(), Text: Describe(p))).ToList();
        foreach (var warning in problems.Where(p => p.Severity == "warn"))
        {
            output.WriteLine("warning: " + warning.Text);
        }

        var errors = problems.Where(p => p.Severity == "error").Select(p => p.Text).ToList();
        Assert.True(errors.Count == 0 && exitCode == 0,
            $"redocly lint exited {exitCode} with {errors.Count} errors:\n{string.Join("\n", errors)}");
    }

    private static string Describe(JsonElement problem)
    {
        var pointer = problem.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()).FirstOrDefault();
        return $"{problem.GetProperty("ruleId").GetString()} at {pointer}: {problem.GetProperty("message").GetString()}";
    }

    /// <summary>The checkout the tests were built from: node_modules and redocly.yaml live beside RecordsVault.sln.</summary>

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Belt and braces beside redocly.yaml: no usage reports, no update check, plain text.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 2 minutes.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
