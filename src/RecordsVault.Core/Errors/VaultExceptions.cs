namespace RecordsVault.Core.Errors;

/// <summary>Input that breaks a rule; carries field-level messages.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }
}

/// <summary>The thing does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The lifecycle of the target forbids the action.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The target existed but its content is gone for good.</summary>
public sealed class GoneException(string message) : Exception(message);

/// <summary>The upload is larger than the configured limit.</summary>
public sealed class PayloadTooLargeException(long limitBytes)
    : Exception($"The file is larger than the limit of {limitBytes} bytes.")
{
    public long LimitBytes { get; } = limitBytes;
}

/// <summary>The content type is not allowed, or the bytes do not match it.</summary>
public sealed class UnsupportedContentException(string message) : Exception(message);

/// <summary>Stored content failed its integrity check (digest or authenticated decryption).</summary>
public sealed class IntegrityException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A dependency (database, blob storage, key provider) did not answer.</summary>
public sealed class DependencyUnavailableException(string dependency, Exception? inner = null)
    : Exception($"{dependency} is unavailable.", inner)
{
    public string Dependency { get; } = dependency;
}

/// <summary>The caller may see the target but not do this to it (for example, approve their own request).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
