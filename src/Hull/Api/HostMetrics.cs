using System.Globalization;
using System.Text;
using Hull.Platform;

namespace Hull.Api;

/// <summary>
/// GET /metrics: the host's memory, uptime and service state in the Prometheus text format
/// (version 0.0.4), read fresh from /proc and PID 1's status file on every scrape.
/// </summary>
internal static class HostMetrics
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(string root, IReadOnlyList<ServiceStatus> services)
    {
        var meminfo = ProcFields.Parse(ReadOrEmpty(Path.Combine(root, "proc/meminfo")));
        var text = new StringBuilder();
        Gauge(text, "hull_memory_total_bytes", "Memory the kernel manages (MemTotal).", meminfo.GetValueOrDefault("MemTotal"));
        Gauge(text, "hull_memory_available_bytes", "Memory available for new work without swapping (MemAvailable).", meminfo.GetValueOrDefault("MemAvailable"));
        Gauge(text, "hull_memory_used_bytes", "Memory in use as free(1) counts it: MemTotal - MemFree - Buffers - Cached - SReclaimable.", UsedBytes(meminfo));
        var uptime = ReadOrEmpty(Path.Combine(root, "proc/uptime")).Split(' ')[0];
        Gauge(text, "hull_uptime_seconds", "Seconds since the kernel started.", double.TryParse(uptime, NumberStyles.Float, CultureInfo.InvariantCulture, out var up) ? up : 0);

        var sockets = ListeningSockets.Read(Path.Combine(root, "proc/net"));
        text.Append("# HELP hull_listening_sockets Sockets open to anyone in the host's network namespace: TCP listening, UDP unconnected, Unix listening or named datagram.\n# TYPE hull_listening_sockets gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"hull_listening_sockets{{protocol=\"tcp\"}} {sockets.Tcp}\nhull_listening_sockets{{protocol=\"udp\"}} {sockets.Udp}\nhull_listening_sockets{{protocol=\"unix\"}} {sockets.Unix}\n");

        text.Append("# HELP hull_meminfo_bytes Every /proc/meminfo field, in bytes.\n# TYPE hull_meminfo_bytes gauge\n");
        foreach (var (field, value) in meminfo)
        {
            text.Append(CultureInfo.InvariantCulture, $"hull_meminfo_bytes{{field=\"{field}\"}} {value}\n");
        }

        var processes = services.Where(s => s.Pid is not null).Select(s => (s.Name, Status: ProcFields.Parse(ReadOrEmpty(Path.Combine(root, $"proc/{s.Pid}/status")))))
            .Prepend(("init", ProcFields.Parse(ReadOrEmpty(Path.Combine(root, "proc/1/status"))))).ToList();
        ProcessGauge(text, processes, "hull_process_resident_bytes", "VmRSS", "Resident memory (VmRSS) of PID 1 and each running service.");
        ProcessGauge(text, processes, "hull_process_resident_anon_bytes", "RssAnon",
            "Resident anonymous memory (RssAnon) of PID 1 and each running service: its own heap and stacks, without the file pages (the hull binary, libraries) it shares with the others.");

        text.Append("# HELP hull_service_ready Whether the service is ready (1) or not (0).\n# TYPE hull_service_ready gauge\n");
        foreach (var s in services)
        {
            text.Append(CultureInfo.InvariantCulture, $"hull_service_ready{{service=\"{s.Name}\"}} {(s.State == "ready" ? 1 : 0)}\n");
        }

        text.Append("# HELP hull_service_restarts_total Times the service was restarted since boot.\n# TYPE hull_service_restarts_total counter\n");
        foreach (var s in services)
        {
            text.Append(CultureInfo.InvariantCulture, $"hull_service_restarts_total{{service=\"{s.Name}\"}} {s.Restarts}\n");
        }

        return text.ToString();
    }

    /// <summary>free(1)'s "used": neither free nor page cache nor reclaimable slab. (MemTotal - MemAvailable also counts the kernel's free-page reserve.)</summary>
    internal static long UsedBytes(IReadOnlyDictionary<string, long> meminfo) =>
        meminfo.GetValueOrDefault("MemTotal") - meminfo.GetValueOrDefault("MemFree") - meminfo.GetValueOrDefault("Buffers")
        - meminfo.GetValueOrDefault("Cached") - meminfo.GetValueOrDefault("SReclaimable");

    // A field of each process's /proc/PID/status ("VmRSS:     1234 kB", in bytes), for the processes that have it.
    private static void ProcessGauge(StringBuilder text, IEnumerable<(string Name, Dictionary<string, long> Status)> processes, string metric, string field, string help)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {metric} {help}\n# TYPE {metric} gauge\n");
        foreach (var (name, status) in processes)
        {
            if (status.TryGetValue(field, out var bytes))
            {
                text.Append(CultureInfo.InvariantCulture, $"{metric}{{process=\"{name}\"}} {bytes}\n");
            }
        }
    }

    private static void Gauge(StringBuilder text, string name, string help, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
