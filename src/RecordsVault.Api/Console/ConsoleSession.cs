namespace RecordsVault.Api.Console;

/// <summary>
/// How long a console session lives without a request (<c>Vault:Console:IdleTimeout</c>, default 20 minutes): each
/// request renews it. A value that is not a positive time of at most 12 hours stops the vault at start.
/// </summary>
public static class ConsoleSession
{
    public const string IdleTimeoutSetting = "Vault:Console:IdleTimeout";

    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(20);

    public static TimeSpan IdleTimeout(IConfiguration configuration)
    {
        var text = configuration[IdleTimeoutSetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultIdleTimeout;
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero && value <= TimeSpan.FromHours(12)
            ? value
            : throw new InvalidOperationException($"{IdleTimeoutSetting} must be a time above zero and at most 12 hours, such as 00:20:00 (it is '{text}').");
    }
}
