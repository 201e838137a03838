using Hull.Builder.Tools;
using Hull.Platform;

namespace Hull.Bench.Compare;

/// <summary>A boot of the baseline or the floor, from what it reported on its serial console.</summary>
internal static class GuestSample
{
    public const string FirstContainerRequest = "first-container.request";
    public const string FirstContainerRunning = "first-container.running";

    /// <summary>
    /// The sample: events as reported, QEMU and firmware time as <paramref name="wallAtFirstEvent"/> (seconds from QEMU's
    /// start at which the first event was seen) less that event's uptime, memory and sockets from the /proc files it sent,
    /// the first container's time when it ran one. Throws naming what is missing when the guest did not report
    /// <paramref name="readyEvent"/> or /proc/meminfo.
    /// </summary>
    public static CompareSample From(SerialReport report, double wallAtFirstEvent, string readyEvent)
    {
        if (report.Find(readyEvent) is null)
        {
            throw new ToolException($"the guest never reported '{readyEvent}'");
        }

        var meminfo = ProcFields.Parse(report.File("/proc/meminfo"));
        if (!meminfo.TryGetValue("MemTotal", out var total) || !meminfo.TryGetValue("MemAvailable", out var available))
        {
            throw new ToolException("the guest sent no /proc/meminfo with MemTotal and MemAvailable");
        }

        var sockets = ListeningSockets.Parse(
            report.File("/proc/net/tcp") + report.File("/proc/net/tcp6"),
            report.File("/proc/net/udp") + report.File("/proc/net/udp6"),
            report.File("/proc/net/unix"));
        double? firstContainer = report.Find(FirstContainerRunning) is { } running && report.Find(FirstContainerRequest) is { } request
            ? running.Uptime - request.Uptime
            : null;
        return new CompareSample(wallAtFirstEvent - report.Events[0].Uptime, report.Events, total, available, FreeUsed(meminfo), sockets, firstContainer);
    }

    /// <summary>free(1)'s "used", as Hull's hull_memory_used_bytes counts it: MemTotal - MemFree - Buffers - Cached - SReclaimable.</summary>
    internal static long FreeUsed(IReadOnlyDictionary<string, long> meminfo) =>
        meminfo.GetValueOrDefault("MemTotal") - meminfo.GetValueOrDefault("MemFree") - meminfo.GetValueOrDefault("Buffers")
        - meminfo.GetValueOrDefault("Cached") - meminfo.GetValueOrDefault("SReclaimable");
}
