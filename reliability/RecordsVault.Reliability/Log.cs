namespace RecordsVault.Reliability;

internal static class Log
{
    public static void Info(string message) =>
        Console.Error.WriteLine($"[reliability {DateTime.UtcNow:HH:mm:ss}] {message}");
}
