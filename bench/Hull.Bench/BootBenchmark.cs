using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hull.Api;
using Hull.Builder.Build;
using Hull.Builder.Run;

namespace Hull.Bench;

/// <summary>Boots the built image N times per mode and measures time to the API, boot phases and idle memory.</summary>
internal static class BootBenchmark
{
    /// <param name="build">The build to boot.</param>
    /// <param name="scratch">The instance's folder.</param>
    /// <param name="direct">Direct kernel boot instead of OVMF with Secure Boot.</param>
    /// <param name="settle">The quiet while after every service is ready, before memory is read.</param>
    /// <param name="cancellationToken">Cancels the boot.</param>
    /// <param name="thenAsync">More measurements on the booted host (its API client and this sample), before it is stopped.</param>
    public static async Task<BootSample> MeasureAsync(BuildManifest build, string scratch, bool direct, TimeSpan settle, CancellationToken cancellationToken,
        Func<HttpClient, BootSample, Task>? thenAsync = null)
    {
        var clock = Stopwatch.StartNew();
        var instance = await InstanceLauncher.StartAsync(build, scratch, "bench", direct, "4G", cancellationToken);
        try
        {
            await InstanceLauncher.WaitForApiAsync(instance, TimeSpan.FromMinutes(5), null, cancellationToken, TimeSpan.FromMilliseconds(100));
            var wall = clock.Elapsed.TotalSeconds;
            using var client = ApiClient.ForRemote(instance.ApiAddress, instance.Tls.LoadClient(), instance.Tls.LoadCa());

            // Idle: every service ready, then a quiet while.
            while (JsonSerializer.Deserialize(await client.GetStringAsync("/services", cancellationToken), ApiJsonContext.Default.ListServiceStatus)!.Any(s => s.State != "ready"))
            {
                await Task.Delay(250, cancellationToken);
            }

            await Task.Delay(settle, cancellationToken);
            var timeline = JsonSerializer.Deserialize(await client.GetStringAsync("/boot-timeline", cancellationToken), ApiJsonContext.Default.ListTimelineEvent)!;
            var metrics = await client.GetStringAsync("/metrics", cancellationToken);
            double At(string name) => timeline.FirstOrDefault(e => e.Event == name)?.Uptime ?? double.NaN;
            var sample = new BootSample(
                direct ? "direct" : "uefi",
                wall,
                At("service.ready apiserver"),
                At("init.start"),
                At("service.ready apiserver") - At("init.start"),
                At("service.ready containerd"),
                MetricValue(metrics, "hull_memory_used_bytes"));
            if (thenAsync is not null)
            {
                await thenAsync(client, sample);
            }

            return sample;
        }
        finally
        {
            await InstanceLauncher.StopAsync(instance, graceful: false);
        }
    }

    internal static long MetricValue(string prometheusText, string name) => (long)Metric(prometheusText, name);

    /// <summary>The value of the sample <paramref name="name"/> (labels included, as written) in Prometheus text.</summary>
    internal static double Metric(string prometheusText, string name)
    {
        var line = prometheusText.Split('\n').First(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
