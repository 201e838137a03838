using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Interop;
using Hull.Ntp;

namespace Hull.TimeSync;

/// <summary>
/// The `timesync` service: keeps the clock on the servers of <c>settings.ntp.time-servers</c>,
/// read from the API before every poll (so a settings change takes effect at the next one). It
/// asks the servers in order with SNTP, steps the clock for an offset over half a second and slews
/// it otherwise, and publishes what it did to /run/hull/time-sync.json (GET /host shows it).
/// </summary>
internal sealed class TimeSyncService(HttpClient api, string statusFile, TimeProvider time, Action<DateTimeOffset> stepClock, Action<TimeSpan> slewClock, int port = 123)
{
    private static readonly TimeSpan StepThreshold = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(2);

    public static int Run()
    {
        using var api = ApiClient.ForUnixSocket(ApiServer.SocketPath);
        var service = new TimeSyncService(api, "/run/hull/time-sync.json", TimeProvider.System, Libc.SetClock, Libc.SlewClock);
        service.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        return 0;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var status = await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
            failures = status.SynchronizedAt is null ? failures + 1 : 0;

            // Poll every 64 s (NTP's shortest default interval); retry soon while nothing answers.
            var wait = failures switch { 0 => TimeSpan.FromSeconds(64), < 12 => TimeSpan.FromSeconds(5), _ => TimeSpan.FromSeconds(32) };
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One poll: read the servers, ask them in order, correct the clock with the first answer, publish the outcome.</summary>
    public async Task<TimeSyncStatus> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var servers = await ServersAsync(errors, cancellationToken).ConfigureAwait(false);
        TimeSyncStatus? status = null;
        foreach (var server in servers)
        {
            var endpoint = await ResolveAsync(server, errors, cancellationToken).ConfigureAwait(false);
            if (endpoint is null)
            {
                continue;
            }

            var (sample, error) = await SntpClient.QueryAsync(endpoint, server, QueryTimeout, time, cancellationToken).ConfigureAwait(false);
            if (sample is null)
            {
                errors.Add(error!);
                continue;
            }

            if (sample.Offset.Duration() > StepThreshold)
            {
                stepClock(time.GetUtcNow() + sample.Offset);
            }
            else
            {
                slewClock(sample.Offset);
            }

            status = new TimeSyncStatus(servers, server, sample.Offset.TotalSeconds, sample.Delay.TotalSeconds, sample.Stratum, sample.At, time.GetUtcNow(), errors);
            break;
        }

        status ??= new TimeSyncStatus(servers, null, null, null, null, null, time.GetUtcNow(), errors.Count > 0 ? errors : ["settings.ntp.time-servers is empty"]);
        var temp = statusFile + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(status, ApiJsonContext.Default.TimeSyncStatus), cancellationToken).ConfigureAwait(false);
        File.Move(temp, statusFile, overwrite: true);
        return status;
    }

    private async Task<List<string>> ServersAsync(List<string> errors, CancellationToken cancellationToken)
    {
        try
        {
            var settings = JsonNode.Parse(await api.GetStringAsync("/settings?prefix=settings.ntp.time-servers", cancellationToken).ConfigureAwait(false));
            return settings?["ntp"]?["time-servers"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or IOException)
        {
            errors.Add($"cannot read settings.ntp from the API: {e.Message}");
            return [];
        }
    }

    // An address, a host name, or a URL (Bottlerocket accepts https://host for NTS servers; plain SNTP goes to its host).
    private async Task<IPEndPoint?> ResolveAsync(string server, List<string> errors, CancellationToken cancellationToken)
    {
        var host = Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : server;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0 ? new IPEndPoint(addresses[0], port) : null;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            errors.Add($"{server}: cannot resolve {host}: {e.Message}");
            return null;
        }
    }
}
