namespace RecordsVault.Bench;

/// <summary>Progress and details go to stderr, so that stdout holds only the table.</summary>
internal static class Log
{
    public static void Info(string message) => Console.Error.WriteLine($"[bench] {message}");
}
