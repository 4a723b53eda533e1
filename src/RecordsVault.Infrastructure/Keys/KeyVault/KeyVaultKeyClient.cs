using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RecordsVault.Infrastructure.Keys.KeyVault;

/// <summary>
/// A thin client of Key Vault's keys REST API (<see cref="KeyVaultClientOptions.ApiVersion"/>) on Azure.Core's
/// pipeline: the challenge-based bearer authentication, retries with backoff on 408, 429 (honouring
/// <c>Retry-After</c>) and 5xx, and a per-try network timeout. Every operation also has an overall time limit,
/// so that nothing waits on the vault longer than <see cref="KeyVaultClientOptions.OperationTimeout"/>.
/// </summary>
/// <remarks>
/// Errors are <see cref="RequestFailedException"/> (with Key Vault's <c>error.code</c>) as in Azure's own SDK, whose
/// <c>KeyClient</c> and <c>CryptographyClient</c> could replace this class; running out of time (a try's, or the whole
/// budget) is a <see cref="TimeoutException"/>, and retries that all failed to connect one <see cref="RequestFailedException"/>.
/// Secrets in request and response bodies are zeroed once used, as far as the pipeline's buffers allow.
/// </remarks>
public sealed class KeyVaultKeyClient
{
    private readonly HttpPipeline pipeline;
    private readonly TimeSpan operationTimeout;

    public KeyVaultKeyClient(Uri vaultUri, TokenCredential credential, KeyVaultClientOptions options)
    {
        if (!vaultUri.IsAbsoluteUri || vaultUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("Key Vault is reached over https only: bearer tokens never travel in clear text.", nameof(vaultUri));
        }

        VaultUri = new Uri(vaultUri.GetLeftPart(UriPartial.Authority) + "/");
        operationTimeout = options.OperationTimeout;
        pipeline = HttpPipelineBuilder.Build(options, new KeyVaultChallengePolicy(credential, !options.DisableChallengeResourceVerification));
    }

    public Uri VaultUri { get; }

    /// <summary><c>GET /keys/{name}/{version}</c>; the newest version when <paramref name="version"/> is null.</summary>
    public async Task<KeyVaultKey> GetKeyAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var path = $"keys/{Segment(name)}/{(version is null ? string.Empty : Segment(version))}";
        return await SendAsync(RequestMethod.Get, Address(path), null, ReadKey, cancellationToken);
    }

    /// <summary><c>POST /keys/{name}/create</c>: a new RSA key, or a new version of an existing one.</summary>
    public async Task<KeyVaultKey> CreateRsaKeyAsync(
        string name, int keySize, bool hardwareProtected, IEnumerable<string> keyOperations, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteString("kty", hardwareProtected ? "RSA-HSM" : "RSA");
            w.WriteNumber("key_size", keySize);
            w.WriteStartArray("key_ops");
            foreach (var operation in keyOperations)
            {
                w.WriteStringValue(operation);
            }

            w.WriteEndArray();
        });
        return await SendAsync(RequestMethod.Post, Address($"keys/{Segment(name)}/create"), body, ReadKey, cancellationToken);
    }

    /// <summary><c>POST /keys/{name}/rotate</c>: a new version, made by the key's rotation policy.</summary>
    public async Task<KeyVaultKey> RotateKeyAsync(string name, CancellationToken cancellationToken) =>
        await SendAsync(RequestMethod.Post, Address($"keys/{Segment(name)}/rotate"), null, ReadKey, cancellationToken);

    /// <summary><c>PATCH /keys/{name}/{version}</c> with <c>attributes.enabled</c>: retires (or restores) one version.</summary>
    public async Task<KeyVaultKey> SetEnabledAsync(string name, string version, bool enabled, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteStartObject("attributes");
            w.WriteBoolean("enabled", enabled);
            w.WriteEndObject();
        });
        return await SendAsync(RequestMethod.Patch, Address($"keys/{Segment(name)}/{Segment(version)}"), body, ReadKey, cancellationToken);
    }

    /// <summary><c>GET /keys/{name}/versions</c>, following <c>nextLink</c> within this vault only.</summary>
    public async IAsyncEnumerable<KeyVaultKeyVersion> GetKeyVersionsAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = Address($"keys/{Segment(name)}/versions", "maxresults=25");
        while (next is not null)
        {
            var (versions, nextLink) = await SendAsync(RequestMethod.Get, next, null, ReadVersions, cancellationToken);
            foreach (var version in versions)
            {
                yield return version;
            }

            next = nextLink;
        }
    }

    /// <summary><c>POST {kid}/wrapkey</c>.</summary>
    public Task<KeyOperationResult> WrapKeyAsync(KeyVaultKeyId kid, string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken) =>
        OperateAsync(kid, "wrapkey", algorithm, key, cancellationToken);

    /// <summary><c>POST {kid}/unwrapkey</c>. The answer is a plaintext key: the caller zeroes it after use.</summary>
    public Task<KeyOperationResult> UnwrapKeyAsync(KeyVaultKeyId kid, string algorithm, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken) =>
        OperateAsync(kid, "unwrapkey", algorithm, wrappedKey, cancellationToken);

    /// <summary><c>POST {kid}/sign</c> over a digest (for PS256, the SHA-256 of the data).</summary>
    public Task<KeyOperationResult> SignAsync(KeyVaultKeyId kid, string algorithm, ReadOnlyMemory<byte> digest, CancellationToken cancellationToken) =>
        OperateAsync(kid, "sign", algorithm, digest, cancellationToken);

    /// <summary><c>POST {kid}/verify</c>: Key Vault checks a signature over a digest.</summary>
    public async Task<bool> VerifyAsync(
        KeyVaultKeyId kid, string algorithm, ReadOnlyMemory<byte> digest, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteString("alg", algorithm);
            WriteBase64Url(w, "digest", digest.Span);
            WriteBase64Url(w, "value", signature.Span);
        });
        return await SendAsync(RequestMethod.Post, OperationAddress(kid, "verify"), body,
            content => JsonDocument.Parse(content.ToMemory()).RootElement.GetProperty("value").GetBoolean(), cancellationToken);
    }

    private async Task<KeyOperationResult> OperateAsync(
        KeyVaultKeyId kid, string operation, string algorithm, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteString("alg", algorithm);
            WriteBase64Url(w, "value", value.Span);
        });
        return await SendAsync(RequestMethod.Post, OperationAddress(kid, operation), body, ReadOperationResult, cancellationToken);
    }

    private Uri OperationAddress(KeyVaultKeyId kid, string operation)
    {
        if (!kid.IsIn(VaultUri) || kid.Version is null)
        {
            // A kid read from storage is never followed to another host: the token is for this vault only.
            throw new ArgumentException($"'{kid}' is not a key version of {VaultUri}.", nameof(kid));
        }

        return Address($"keys/{Segment(kid.Name)}/{Segment(kid.Version)}/{operation}");
    }

    private Uri Address(string path, string? query = null) =>
        new(VaultUri, $"{path}?{(query is null ? string.Empty : query + "&")}api-version={KeyVaultClientOptions.ApiVersion}");

    private static string Segment(string name) =>
        KeyVaultKeyId.IsName(name) ? name : throw new ArgumentException($"'{name}' is not a Key Vault key or version name.", nameof(name));

    private async Task<T> SendAsync<T>(RequestMethod method, Uri address, byte[]? body, Func<BinaryData, T> read, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(operationTimeout);
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(address);
        message.Request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            message.Request.Headers.Add(HttpHeader.Common.JsonContentType);
            message.Request.Content = RequestContent.Create(body);
        }

        try
        {
            await pipeline.SendAsync(message, budget.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or AggregateException)
        {
            // The retry policy gathers the failures of its tries into an AggregateException: a try that ran out of time
            // (or the whole budget running out) is a timeout; connection failures are the vault being unreachable.
            throw budget.IsCancellationRequested || ex is OperationCanceledException
                || ex is AggregateException { InnerExceptions: var tries } && tries.Any(t => t is OperationCanceledException)
                ? new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Key Vault did not answer {method} {address.AbsolutePath} within {operationTimeout.TotalSeconds:0.#} s."), ex)
                : new RequestFailedException($"Key Vault could not be reached for {method} {address.AbsolutePath}.", ex);
        }
        finally
        {
            if (body is not null)
            {
                CryptographicOperations.ZeroMemory(body);
            }
        }

        var response = message.Response;
        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }

        var content = response.Content;
        try
        {
            return read(content);
        }
        finally
        {
            // An unwrapped key came in this buffer; nothing else needs it once read.
            if (MemoryMarshal.TryGetArray(content.ToMemory(), out var buffer))
            {
                CryptographicOperations.ZeroMemory(buffer);
            }
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        var bytes = buffer.WrittenSpan.ToArray();
        buffer.Clear(); // zeroes the written part: a key to wrap was in it
        return bytes;
    }

    private static void WriteBase64Url(Utf8JsonWriter writer, string name, ReadOnlySpan<byte> value)
    {
        var encoded = new byte[Base64Url.GetEncodedLength(value.Length)];
        Base64Url.EncodeToUtf8(value, encoded);
        writer.WriteString(name, encoded);
        writer.Flush();
        CryptographicOperations.ZeroMemory(encoded);
    }

    /// <summary>Reads <c>{"kid": "...", "value": "base64url"}</c> without ever making the value a string.</summary>
    private static KeyOperationResult ReadOperationResult(BinaryData content)
    {
        var reader = new Utf8JsonReader(content.ToMemory().Span);
        string? kid = null;
        byte[]? value = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            if (property == "kid" && reader.TokenType == JsonTokenType.String)
            {
                kid = reader.GetString();
            }
            else if (property == "value" && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
            {
                value = Base64Url.DecodeFromUtf8(reader.ValueSpan);
            }
            else
            {
                reader.Skip();
            }
        }

        return KeyVaultKeyId.TryParse(kid, out var id) && value is not null
            ? new KeyOperationResult(id, value)
            : throw new RequestFailedException("Key Vault answered without a kid or a base64url value.");
    }

    private static KeyVaultKey ReadKey(BinaryData content)
    {
        using var document = JsonDocument.Parse(content.ToMemory());
        var key = document.RootElement.GetProperty("key");
        var attributes = document.RootElement.TryGetProperty("attributes", out var a) ? a : default;
        return new KeyVaultKey(
            ParseKid(key.GetProperty("kid").GetString()),
            key.GetProperty("kty").GetString() ?? string.Empty,
            key.TryGetProperty("key_ops", out var ops) ? ops.EnumerateArray().Select(o => o.GetString() ?? string.Empty).ToList() : [],
            key.TryGetProperty("n", out var n) ? Base64Url.DecodeFromChars(n.GetString()) : [],
            key.TryGetProperty("e", out var e) ? Base64Url.DecodeFromChars(e.GetString()) : [],
            Enabled(attributes), Time(attributes, "created"), Time(attributes, "exp"));
    }

    private (List<KeyVaultKeyVersion> Versions, Uri? NextLink) ReadVersions(BinaryData content)
    {
        using var document = JsonDocument.Parse(content.ToMemory());
        var versions = document.RootElement.GetProperty("value").EnumerateArray()
            .Select(item =>
            {
                var attributes = item.TryGetProperty("attributes", out var a) ? a : default;
                return new KeyVaultKeyVersion(ParseKid(item.GetProperty("kid").GetString()), Enabled(attributes), Time(attributes, "created"), Time(attributes, "exp"));
            })
            .ToList();
        Uri? next = null;
        if (document.RootElement.TryGetProperty("nextLink", out var link) && link.GetString() is { Length: > 0 } nextLink)
        {
            next = new Uri(nextLink);
            if (Uri.Compare(next, VaultUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new RequestFailedException($"Key Vault's nextLink leads outside {VaultUri}; it is not followed.");
            }
        }

        return (versions, next);
    }

    private static KeyVaultKeyId ParseKid(string? kid) =>
        KeyVaultKeyId.TryParse(kid, out var id) ? id : throw new RequestFailedException($"Key Vault answered with a malformed kid '{kid}'.");

    private static bool Enabled(JsonElement attributes) =>
        attributes.ValueKind != JsonValueKind.Object || !attributes.TryGetProperty("enabled", out var enabled) || enabled.GetBoolean();

    private static DateTimeOffset? Time(JsonElement attributes, string name) =>
        attributes.ValueKind == JsonValueKind.Object && attributes.TryGetProperty(name, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds.GetInt64())
            : null;
}
