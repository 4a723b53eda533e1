using Spectre.Console;

namespace RecordsVault.Api;

/// <summary>
/// A progress bar on stderr for a long command (share done and time left), drawn by Spectre.Console: live on a
/// terminal, nothing when stderr is redirected, so stdout stays clean for the command's JSON result either way.
/// </summary>
public static class CommandProgress
{
    public static async Task<T> RunAsync<T>(
        TextWriter stderr, string description, Func<Action<long, long>, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: 1);
                var result = await work(
                    (done, total) =>
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.Value = Math.Min(done, task.MaxValue);
                    },
                    cancellationToken);
                task.Value = task.MaxValue;
                return result;
            });
    }
}
