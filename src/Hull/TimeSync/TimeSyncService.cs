using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Interop;
using Hull.Ntp;

namespace Hull.TimeSync;

/// <summary>
/// The `timesync` service: keeps the clock on the servers of <c>settings.ntp.time-servers</c>, with
/// <c>settings.ntp.options</c>, both read from the API before every poll (so a settings change takes
/// effect at the next one). It asks the servers in order with SNTP, steps the clock for an offset over
/// half a second and slews it otherwise, waits as <see cref="PollSchedule"/> says (within minpoll and
/// maxpoll), and publishes what it did to /run/hull/time-sync.json (GET /host shows it).
/// </summary>
internal sealed class TimeSyncService(HttpClient api, string statusFile, TimeProvider time, Action<DateTimeOffset> stepClock, Action<TimeSpan> slewClock, int port = 123)
{
    private static readonly TimeSpan StepThreshold = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(2);

    // iburst, as chrony does it: the first requests to a server 2 s apart, four of them.
    private static readonly TimeSpan BurstSpacing = TimeSpan.FromSeconds(2);
    private const int BurstSamples = 4;

    private readonly PollSchedule _schedule = new();
    private List<string>? _synchronizedWith;

    public static int Run()
    {
        using var api = ApiClient.ForUnixSocket(ApiServer.SocketPath);
        var service = new TimeSyncService(api, "/run/hull/time-sync.json", TimeProvider.System, Libc.SetClock, Libc.SlewClock);
        service.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        return 0;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var status = await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(status.NextPollSeconds), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One poll: read the settings, ask the servers in order, correct the clock with the first answer, publish the outcome and when the next poll is due.</summary>
    public async Task<TimeSyncStatus> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var (servers, options) = await SettingsAsync(errors, cancellationToken).ConfigureAwait(false);

        // A burst at start, and again once the servers change: each is a new source to chrony.
        var burst = options.InitialBurst && (_synchronizedWith is null || !_synchronizedWith.SequenceEqual(servers));
        TimeSyncStatus? status = null;
        foreach (var server in servers)
        {
            var endpoint = await ResolveAsync(server, errors, cancellationToken).ConfigureAwait(false);
            if (endpoint is null)
            {
                continue;
            }

            var (sample, count) = await SampleAsync(endpoint, server, burst ? BurstSamples : 1, errors, cancellationToken).ConfigureAwait(false);
            if (sample is null)
            {
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

            _synchronizedWith = servers;
            var next = _schedule.Next(sample.Offset, options);
            status = new TimeSyncStatus(servers, server, sample.Offset.TotalSeconds, sample.Delay.TotalSeconds, sample.Stratum, sample.At, time.GetUtcNow(), errors, count, next.TotalSeconds);
            break;
        }

        if (status is null)
        {
            _synchronizedWith = null;
            status = new TimeSyncStatus(servers, null, null, null, null, null, time.GetUtcNow(), errors.Count > 0 ? errors : ["settings.ntp.time-servers is empty"], 0,
                _schedule.Next(null, options).TotalSeconds);
        }

        var temp = statusFile + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(status, ApiJsonContext.Default.TimeSyncStatus), cancellationToken).ConfigureAwait(false);
        File.Move(temp, statusFile, overwrite: true);
        return status;
    }

    // Up to `count` samples, spaced as iburst spaces them; the one with the least delay is the best estimate
    // (the least time in queues, so the least asymmetry), as chrony's and ntpd's clock filters take it.
    private async Task<(SntpSample? Best, int Count)> SampleAsync(IPEndPoint endpoint, string server, int count, List<string> errors, CancellationToken cancellationToken)
    {
        SntpSample? best = null;
        var answered = 0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                await Task.Delay(BurstSpacing, time, cancellationToken).ConfigureAwait(false);
            }

            var (sample, error) = await SntpClient.QueryAsync(endpoint, server, QueryTimeout, time, cancellationToken).ConfigureAwait(false);
            if (sample is null)
            {
                errors.Add(error!);
                if (answered == 0)
                {
                    break; // a silent server is not worth three more tries now: the next server is
                }

                continue;
            }

            answered++;
            if (best is null || sample.Delay < best.Delay)
            {
                best = sample;
            }
        }

        return (best, answered);
    }

    private async Task<(List<string> Servers, NtpOptions Options)> SettingsAsync(List<string> errors, CancellationToken cancellationToken)
    {
        JsonNode? ntp;
        try
        {
            ntp = JsonNode.Parse(await api.GetStringAsync("/settings?prefix=settings.ntp", cancellationToken).ConfigureAwait(false))?["ntp"];
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or IOException)
        {
            errors.Add($"cannot read settings.ntp from the API: {e.Message}");
            return ([], NtpOptions.Default);
        }

        var servers = ntp?["time-servers"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        var (options, error) = NtpOptions.Parse(ntp?["options"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []);
        if (options is null)
        {
            // The API validated them; this only happens with a datastore written by something else.
            errors.Add($"settings.ntp.options: {error}; using the defaults");
        }

        return (servers, options ?? NtpOptions.Default);
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
