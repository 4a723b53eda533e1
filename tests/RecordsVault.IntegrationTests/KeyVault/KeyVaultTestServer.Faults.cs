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

// Faults a test switches on: throttling, server errors and hangs.
public sealed partial class KeyVaultTestServer
{
    /// <summary>The next <paramref name="times"/> requests matching <paramref name="when"/> (every one, by default) get the fault.</summary>
    public void Fail(KeyVaultFault fault, int times = int.MaxValue, Func<KeyVaultRequest, bool>? when = null)
    {
        lock (gate)
        {
            faults.Add(new FaultRule(fault, times, when ?? (_ => true)));
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    private KeyVaultFault? TakeFault(KeyVaultRequest request)
    {
        lock (gate)
        {
            var rule = faults.Find(f => f.Remaining > 0 && f.When(request));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            return rule.Fault;
        }
    }

    private async Task InjectAsync(HttpContext context, KeyVaultFault fault)
    {
        if (fault.Hangs)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, both.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, or the server stops.
            }

            return;
        }

        if (fault.RetryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (fault.Status == 429)
        {
            await ErrorAsync(context, 429, "Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");
        }
        else
        {
            await ErrorAsync(context, fault.Status, "InternalServerError", "An unexpected error occurred.");
        }
    }

    private sealed class FaultRule(KeyVaultFault fault, int times, Func<KeyVaultRequest, bool> when)
    {
        public KeyVaultFault Fault { get; } = fault;

        public int Remaining { get; set; } = times;

        public Func<KeyVaultRequest, bool> When { get; } = when;
    }
}
