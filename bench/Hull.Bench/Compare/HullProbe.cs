using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Builder.Build;
using Hull.Platform;

namespace Hull.Bench.Compare;

/// <summary>
/// Hull's side of a compare run: the boot benchmark's boot (<see cref="BootBenchmark"/>), then its boot timeline, memory
/// and listening sockets from the API, then a first container: the image archive imported through POST /images/import
/// and a workload that prints its uptime, as the baseline does with `ctr image import` and `ctr run`.
/// </summary>
internal static class HullProbe
{
    public const string FirstImage = "bench.local/first:1";
    private const string Workload = "first";

    /// <summary>The container's command: print the uptime at which it runs, then stay (a workload that exits is restarted).</summary>
    public static readonly IReadOnlyList<string> FirstCommand =
        ["/bin/sh", "-c", $"read -r up rest </proc/uptime; echo \"HULL-BENCH $up {GuestSample.FirstContainerRunning}\"; exec sleep 3600"];

    /// <summary>Stage 1's first line on the console (Stage1Init), printed as it starts: when it shows, the kernel has been running for stage1.start's uptime.</summary>
    public const string Stage1ConsoleLine = "hull: stage 1:";

    public static async Task<CompareSample> MeasureAsync(BuildManifest build, string scratch, bool direct, TimeSpan settle, string firstArchive, CancellationToken cancellationToken)
    {
        // The instance's console log appears as QEMU starts (QemuMachine.Start writes it first): the same clock start as
        // the other images', which the boot benchmark's own clock (from before making the instance) is not.
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stage1Seen = WallAtLineAsync(Path.Combine(scratch, "serial.log"), Stage1ConsoleLine, stopWatching.Token);
        CompareSample? sample = null;
        async Task MeasureBootedAsync(HttpClient api, BootSample boot)
        {
            var timeline = JsonSerializer.Deserialize(await api.GetStringAsync("/boot-timeline", cancellationToken), ApiJsonContext.Default.ListTimelineEvent)!;
            var metrics = await api.GetStringAsync("/metrics", cancellationToken);
            var sockets = new ListeningSockets(
                (int)BootBenchmark.Metric(metrics, "hull_listening_sockets{protocol=\"tcp\"}"),
                (int)BootBenchmark.Metric(metrics, "hull_listening_sockets{protocol=\"udp\"}"),
                (int)BootBenchmark.Metric(metrics, "hull_listening_sockets{protocol=\"unix\"}"));
            var first = await FirstContainerAsync(api, firstArchive, cancellationToken);
            var events = Events(timeline);
            var stage1 = stage1Seen.IsCompleted ? await stage1Seen : double.NaN; // printed seconds before the API answered
            sample = new CompareSample(
                stage1 - (events.FirstOrDefault(e => e.Name == BootPhases.InitramfsStart)?.Uptime ?? double.NaN),
                events,
                BootBenchmark.MetricValue(metrics, "hull_memory_total_bytes"),
                BootBenchmark.MetricValue(metrics, "hull_memory_available_bytes"),
                BootBenchmark.MetricValue(metrics, "hull_memory_used_bytes"),
                sockets,
                first);
        }

        try
        {
            await BootBenchmark.MeasureAsync(build, scratch, direct, settle, cancellationToken, MeasureBootedAsync);
        }
        finally
        {
            await stopWatching.CancelAsync();
        }

        return sample!;
    }

    /// <summary>Seconds from the moment <paramref name="path"/> appears to the moment a line holding <paramref name="text"/> is in it; NaN when cancelled first.</summary>
    internal static async Task<double> WallAtLineAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            while (!File.Exists(path))
            {
                await Task.Delay(20, cancellationToken);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var reader = new StreamReader(stream))
                {
                    if ((await reader.ReadToEndAsync(cancellationToken)).Contains(text, StringComparison.Ordinal))
                    {
                        return clock.Elapsed.TotalSeconds;
                    }
                }

                await Task.Delay(50, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or FileNotFoundException or DirectoryNotFoundException)
        {
            return double.NaN;
        }
    }

    /// <summary>Hull's boot timeline in the events of <see cref="BootPhases"/>, followed by the timeline itself.</summary>
    internal static IReadOnlyList<BootEvent> Events(IReadOnlyList<TimelineEvent> timeline)
    {
        (string Hull, string Common)[] names =
        [
            ("stage1.start", BootPhases.InitramfsStart),
            ("stage1.root-mounted", "initramfs.end"),
            ("init.start", BootPhases.InitStart),
            ("service.started containerd", BootPhases.ContainerdStart),
            ("service.ready containerd", BootPhases.ContainerdReady),
            ("service.ready apiserver", BootPhases.ApiReady),
        ];
        var events = new List<BootEvent>();
        foreach (var (hull, common) in names)
        {
            if (timeline.FirstOrDefault(e => e.Event == hull) is { } e)
            {
                events.Add(new BootEvent(e.Uptime, common));
            }
        }

        events.AddRange(timeline.Where(e => events.All(c => c.Name != e.Event)).Select(e => new BootEvent(e.Uptime, e.Event)));
        return events;
    }

    // From asking (the guest's uptime before the import) to the container's process printing its uptime.
    private static async Task<double> FirstContainerAsync(HttpClient api, string archive, CancellationToken cancellationToken)
    {
        var asked = BootBenchmark.Metric(await api.GetStringAsync("/metrics", cancellationToken), "hull_uptime_seconds");
        await using (var stream = File.OpenRead(archive))
        {
            using var content = new StreamContent(stream);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
            using var imported = await api.PostAsync("/images/import", content, cancellationToken);
            await EnsureAsync(imported, "POST /images/import", cancellationToken);
        }

        var workload = new JsonObject { ["image"] = FirstImage, ["command"] = new JsonArray([.. FirstCommand.Select(c => JsonValue.Create(c))]) };
        var patch = new JsonObject { ["workloads"] = new JsonObject { [Workload] = workload } }.ToJsonString();
        using (var response = await api.PatchAsync($"/settings?tx={Workload}", new StringContent(patch, Encoding.UTF8, "application/json"), cancellationToken))
        {
            await EnsureAsync(response, "PATCH /settings", cancellationToken);
        }

        using (var response = await api.PostAsync($"/tx/commit_and_apply?tx={Workload}", null, cancellationToken))
        {
            await EnsureAsync(response, "POST /tx/commit_and_apply", cancellationToken);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            using var logs = await api.GetAsync($"/workloads/{Workload}/logs", cancellationToken);
            if (logs.IsSuccessStatusCode && SerialReport.Parse(await logs.Content.ReadAsStringAsync(cancellationToken)).Find(GuestSample.FirstContainerRunning) is { } running)
            {
                return running.Uptime - asked;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"workload '{Workload}' ({FirstImage}) printed nothing within 3 minutes; see GET /workloads");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"{what}: {(int)response.StatusCode} {body}"));
        }
    }
}
