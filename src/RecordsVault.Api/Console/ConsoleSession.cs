namespace RecordsVault.Api.Console;

/// <summary>How long a console session lives without a request: each request renews it.</summary>
public static class ConsoleSession
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(20);
}
