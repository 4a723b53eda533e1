using RecordsVault.Api.Archive;
using RecordsVault.Api.Audit;
using RecordsVault.Api.Handover;
using RecordsVault.Api.Identity;
using RecordsVault.Api.Keys;
using RecordsVault.Api.Reconciliation;

namespace RecordsVault.Api;

/// <summary>The shell commands <c>./run.sh</c> passes to this program instead of starting the web host.</summary>
public static class Commands
{
    /// <summary>The command's exit code, or null when <paramref name="args"/> name no command and the vault should start.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        var rest = args[1..];
        var (stdout, stderr) = (System.Console.Out, System.Console.Error);
        switch (args[0])
        {
            case "token":
                return TokenCommand.Run(rest, CommandConfiguration.Load(), stdout, stderr);
            case "audit":
                return await AuditCommand.RunAsync(rest, CommandConfiguration.Load(), stdout, stderr);
            case "reconcile":
                return await ReconcileCommand.RunAsync(rest, CommandConfiguration.Load(), stdout, stderr);
            case "keys":
                return await KeysCommand.RunAsync(rest, CommandConfiguration.Load(), stdout, stderr);
            case "verify-export":
                using (var stop = CommandConfiguration.CancelOnCtrlC())
                {
                    return await VerifyExportCommand.RunAsync(rest, stdout, stderr, stop.Token);
                }

            case "archive":
                using (var stop = CommandConfiguration.CancelOnCtrlC())
                {
                    return await ArchiveCommand.RunAsync(rest, CommandConfiguration.Load(), stdout, stderr, stop.Token);
                }

            case "handover":
                using (var stop = CommandConfiguration.CancelOnCtrlC())
                {
                    return await HandoverCommand.RunAsync(rest, CommandConfiguration.Load(), stdout, stderr, stop.Token);
                }

            default:
                return null;
        }
    }
}
