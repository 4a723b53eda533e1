using System.Diagnostics;
using System.Text.Json;
using RecordsVault.Reliability;
using RecordsVault.Reliability.Scenarios;

// Run by ./reliability.sh, which builds the API, starts a throwaway PostgreSQL cluster and passes (environment):
//   REL_DATA (a temp folder of the run's own), REL_API_DLL, REL_AZURITE_BIN, REL_POSTGRES, REL_PG_BIN, REL_PG_DIR.
//   RecordsVault.Reliability --out FILE [--quick] [--only N[,N]] (scenario numbers)
// Each scenario starts the Azurite and API processes it needs, so that it can kill them.
var quick = args.Contains("--quick");
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "reliability/results/latest.json";
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',');
var context = Context.FromEnvironment(quick);

IScenario[] scenarios =
[
    new AzuriteKilled(),
    new DatabaseStopped(),
    new KeyProviderFailing(),
    new ApiKilled(),
    new DiskFull(),
    new Soak(),
    new BadInput(),
    new HostileFiles(),
    new Races(),
];

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var results = new List<ScenarioResult>();
foreach (var scenario in scenarios.Where(s => only is null || only.Any(n => s.Name.StartsWith(n + ".", StringComparison.Ordinal))))
{
    Log.Info($"{scenario.Name}: {scenario.Done(quick)}");
    var checks = new Checks();
    var start = Stopwatch.GetTimestamp();
    var result = "pass";
    try
    {
        await scenario.RunAsync(context, checks, cancel.Token);
        if (checks.Failures.Count > 0)
        {
            result = "FAILED";
        }
        else if (checks.Count == 0)
        {
            result = "FAILED";
            checks.That(false, "the scenario checked nothing");
        }
    }
    catch (Exception ex) when (!cancel.IsCancellationRequested)
    {
        // One broken scenario must not hide the others; the run still fails at the end.
        Log.Info($"  FAILED: {ex}");
        checks.That(false, $"{ex.GetType().Name}: {ex.Message}");
        result = "FAILED";
    }

    var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
    Log.Info($"  {result} ({checks.Count} checks, {seconds:0} s)");
    results.Add(new ScenarioResult(scenario.Name, scenario.Done(quick), scenario.Checked, result, checks.Count, Math.Round(seconds, 1), checks.Failures));
}

var report = new
{
    mode = quick ? "quick" : "full",
    date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
    commit = Environment.GetEnvironmentVariable("REL_COMMIT"),
    scenarios = results,
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + "\n", CancellationToken.None);
Console.Write(Table.Render(results));
return results.Count > 0 && results.All(r => r.Passed) ? 0 : 1;
