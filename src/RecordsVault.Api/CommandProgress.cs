using Spectre.Console;

namespace RecordsVault.Api;

/// <summary>
/// A progress bar on stderr for a long command (share done and time left), drawn by Spectre.Console: live on a
/// terminal, nothing when stderr is redirected, so stdout stays clean for the command's JSON result either way.
/// </summary>
public static class CommandProgress
{
    public static Task<T> RunAsync<T>(
        TextWriter stderr, string description, Func<Action<long, long>, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        RunAsync(stderr, description, inBytes: false, (report, ct) => work((done, total) => report(done, total, null), ct), cancellationToken);

    /// <summary>
    /// The same bar, measured in bytes when <paramref name="inBytes"/> (done and total sizes shown beside it), with a
    /// description the work may change as it goes, such as "12 of 40 records".
    /// </summary>
    public static async Task<T> RunAsync<T>(
        TextWriter stderr, string description, bool inBytes, Func<Action<long, long, string?>, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken = default)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        ProgressColumn[] columns = inBytes
            ? [new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new RemainingTimeColumn(), new SpinnerColumn()]
            : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn()];
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(columns)
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                var result = await work(
                    (done, total, now) =>
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.Value = Math.Min(done, task.MaxValue);
                        if (now is not null)
                        {
                            task.Description = Markup.Escape(now);
                        }
                    },
                    cancellationToken);
                task.Value = task.MaxValue;
                return result;
            });
    }
}

/// <summary>Reports on the worker's own thread, in order: <see cref="Progress{T}"/> would post to the thread pool and draw out of order.</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
