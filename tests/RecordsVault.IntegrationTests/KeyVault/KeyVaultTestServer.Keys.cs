using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyVault;

// The keys API: routing, get, create, rotate, update, versions and the crypto operations, and the key versions held.
public sealed partial class KeyVaultTestServer
{
    private static (string Name, string? Version, string Operation)? Route(string method, string[] s) => (method, s) switch
    {
        ("GET", ["keys", var name]) => (name, null, "get"),
        ("GET", ["keys", var name, "versions"]) => (name, null, "versions"),
        ("GET", ["keys", var name, var version]) => (name, version, "get"),
        ("POST", ["keys", var name, "create"]) => (name, null, "create"),
        ("POST", ["keys", var name, "rotate"]) => (name, null, "rotate"),
        ("PATCH", ["keys", var name, var version]) => (name, version, "update"),
        ("POST", ["keys", var name, var version, var op]) when op is "wrapkey" or "unwrapkey" or "sign" or "verify" => (name, version, op),
        _ => null,
    };

    private async Task DispatchAsync(HttpContext context, (string Name, string? Version, string Operation) route, JsonElement? body)
    {
        var (name, versionId, operation) = route;
        if (operation == "create")
        {
            var ops = body?.TryGetProperty("key_ops", out var o) == true ? o.EnumerateArray().Select(e => e.GetString()!).ToArray() : ["sign", "verify", "wrapKey", "unwrapKey"];
            var size = body?.TryGetProperty("key_size", out var k) == true ? k.GetInt32() : 2048;
            var kty = body?.TryGetProperty("kty", out var t) == true ? t.GetString()! : "RSA";
            if (kty is not ("RSA" or "RSA-HSM") || size is not (2048 or 3072 or 4096))
            {
                await ErrorAsync(context, 400, "BadParameter", "Only RSA keys of 2048, 3072 or 4096 bits are served here.");
                return;
            }

            var created = KeyVersion.Create(ops, size, kty);
            lock (gate)
            {
                keys.TryAdd(name, []);
                keys[name].Add(created);
            }

            await OkAsync(context, operation, Bundle(name, created));
            return;
        }

        if (operation == "versions")
        {
            await VersionsAsync(context, name);
            return;
        }

        KeyVersion? version;
        lock (gate)
        {
            version = keys.TryGetValue(name, out var versions)
                ? versionId is null ? versions[^1] : versions.Find(x => x.Id == versionId)
                : null;
            if (version is not null && operation == "rotate")
            {
                var rotated = KeyVersion.Create(version.Ops, version.Rsa.KeySize, version.KeyType);
                versions!.Add(rotated);
                version = rotated;
            }
        }

        if (version is null)
        {
            await ErrorAsync(context, 404, "KeyNotFound", $"A key with (name/id) {name}{(versionId is null ? "" : "/" + versionId)} was not found in this key vault.");
            return;
        }

        switch (operation)
        {
            case "get" or "rotate":
                await OkAsync(context, operation, Bundle(name, version));
                return;
            case "update":
                if (body?.TryGetProperty("attributes", out var attributes) == true && attributes.TryGetProperty("enabled", out var enabled))
                {
                    version.Enabled = enabled.GetBoolean();
                }

                await OkAsync(context, operation, Bundle(name, version));
                return;
            default:
                await CryptoAsync(context, name, version, operation, body);
                return;
        }
    }

    private async Task CryptoAsync(HttpContext context, string name, KeyVersion version, string operation, JsonElement? body)
    {
        var keyOp = operation switch { "wrapkey" => "wrapKey", "unwrapkey" => "unwrapKey", _ => operation };
        if (!version.Enabled)
        {
            await ErrorAsync(context, 403, "Forbidden", $"Operation {keyOp} is not allowed on a disabled key.", "KeyDisabled");
            return;
        }

        if (!version.Ops.Contains(keyOp))
        {
            await ErrorAsync(context, 403, "Forbidden", $"Operation {keyOp} is not permitted on this key.", "KeyOperationForbidden");
            return;
        }

        var algorithm = body?.TryGetProperty("alg", out var a) == true ? a.GetString() : null;
        byte[] value;
        try
        {
            value = Base64Url.DecodeFromChars(body?.GetProperty("value").GetString());
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException)
        {
            await ErrorAsync(context, 400, "BadParameter", "The value is missing or is not base64url.");
            return;
        }

        var kid = Kid(name, version);
        try
        {
            switch (operation, algorithm)
            {
                case ("wrapkey", "RSA-OAEP-256"):
                    await OkAsync(context, operation, new { kid, value = Base64Url.EncodeToString(version.Rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256)) });
                    return;
                case ("unwrapkey", "RSA-OAEP-256"):
                    var key = version.Rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
                    unwrapsByValue.AddOrUpdate(Base64Url.EncodeToString(value), 1, (_, n) => n + 1);
                    await OkAsync(context, operation, new { kid, value = Base64Url.EncodeToString(key) });
                    return;
                case ("sign", "PS256") when value.Length == 32:
                    await OkAsync(context, operation, new { kid, value = Base64Url.EncodeToString(version.Rsa.SignHash(value, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)) });
                    return;
                case ("verify", "PS256") when value.Length > 0:
                    var digest = Base64Url.DecodeFromChars(body?.GetProperty("digest").GetString());
                    await OkAsync(context, operation, new { value = digest.Length == 32 && version.Rsa.VerifyHash(digest, value, HashAlgorithmName.SHA256, RSASignaturePadding.Pss) });
                    return;
                default:
                    await ErrorAsync(context, 400, "BadParameter", $"Algorithm '{algorithm}' or the value's length is not valid for {keyOp}.");
                    return;
            }
        }
        catch (CryptographicException)
        {
            await ErrorAsync(context, 400, "BadParameter", "The value could not be processed with this key.");
        }
    }

    private async Task VersionsAsync(HttpContext context, string name)
    {
        List<KeyVersion> versions;
        lock (gate)
        {
            if (!keys.TryGetValue(name, out var all))
            {
                versions = [];
            }
            else
            {
                versions = [.. all];
            }
        }

        var skip = int.TryParse(context.Request.Query["$skiptoken"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var take = int.TryParse(context.Request.Query["maxresults"], CultureInfo.InvariantCulture, out var m) ? Math.Clamp(m, 1, 25) : 25;
        var page = versions.Skip(skip).Take(take).Select(v => new { kid = Kid(name, v), attributes = Attributes(v) }).ToList();
        var nextLink = skip + take < versions.Count
            ? $"https://{context.Request.Host}/keys/{name}/versions?api-version={context.Request.Query["api-version"]}&$skiptoken={skip + take}&maxresults={take}"
            : null;
        await OkAsync(context, "versions", new { value = page, nextLink });
    }

    private string Kid(string name, KeyVersion version) => $"{VaultUri.GetLeftPart(UriPartial.Authority)}/keys/{name}/{version.Id}";

    private object Bundle(string name, KeyVersion version)
    {
        var parameters = version.Rsa.ExportParameters(false);
        return new
        {
            key = new
            {
                kid = Kid(name, version),
                kty = version.KeyType,
                key_ops = version.Ops,
                n = Base64Url.EncodeToString(parameters.Modulus),
                e = Base64Url.EncodeToString(parameters.Exponent),
            },
            attributes = Attributes(version),
        };
    }

    private static object Attributes(KeyVersion version) => new
    {
        enabled = version.Enabled,
        created = version.Created.ToUnixTimeSeconds(),
        updated = version.Created.ToUnixTimeSeconds(),
        recoveryLevel = "Recoverable",
        recoverableDays = 90,
        exportable = false,
    };

    private sealed class KeyVersion(string id, RSA rsa, string[] ops, string keyType)
    {
        public string Id { get; } = id;

        public RSA Rsa { get; } = rsa;

        public string[] Ops { get; } = ops;

        public string KeyType { get; } = keyType;

        public bool Enabled { get; set; } = true;

        public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

        public static KeyVersion Create(string[] ops, int size = 3072, string keyType = "RSA-HSM") =>
            new(Guid.NewGuid().ToString("N"), RSA.Create(size), ops, keyType);
    }
}
