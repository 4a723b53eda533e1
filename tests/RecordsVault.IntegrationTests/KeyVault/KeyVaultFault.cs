namespace RecordsVault.IntegrationTests.KeyVault;

/// <summary>What the Key Vault test server does instead of answering: throttle, fail, or never answer.</summary>
public sealed record KeyVaultFault(int Status, TimeSpan? RetryAfter = null, bool Hangs = false)
{
    /// <summary>429 Throttled, with a <c>Retry-After</c> header in whole seconds when given.</summary>
    public static KeyVaultFault Throttle(TimeSpan? retryAfter = null) => new(429, retryAfter);

    public static KeyVaultFault ServerError(int status = 500) => new(status);

    /// <summary>Reads the request and never answers, until the client gives up.</summary>
    public static KeyVaultFault Hang { get; } = new(0, Hangs: true);
}

/// <summary>A request to the test server's keys API, as a fault rule sees it.</summary>
/// <param name="Operation"><c>get</c>, <c>versions</c>, <c>create</c>, <c>rotate</c>, <c>update</c>, <c>wrapkey</c>, <c>unwrapkey</c>, <c>sign</c> or <c>verify</c>.</param>
/// <param name="Value">The body's <c>value</c> (base64url), if any: the wrapped key of an unwrap, for example.</param>
public sealed record KeyVaultRequest(DateTimeOffset At, string Method, string? KeyName, string Operation, string? Value, bool Authorized);
