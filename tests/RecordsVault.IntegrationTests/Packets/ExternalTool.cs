using System.Diagnostics;

namespace RecordsVault.IntegrationTests.Packets;

/// <summary>Runs a command-line PDF tool (qpdf, pdftotext) as a recipient would; a missing tool fails the test.</summary>
public static class ExternalTool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, string package, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed; install the Debian package {package} (apt-get install -y {package}).", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
    }
}
