using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Hull.Api;
using Hull.Builder.Build;
using Hull.Builder.Qemu;
using Hull.Builder.Run;
using Hull.Testing.Oci;
using Hull.Testing.Registry;

namespace Hull.Bench;

/// <summary>
/// Workloads on a booted host (direct kernel boot): from the API request (PATCH + commit_and_apply) to the replica
/// running and to it passing its HTTP health check, first with the image pulled from a registry on the build machine
/// (through QEMU's guestfwd), then with the image already there; then memory per idle replica and the workload
/// manager's resident memory with the workloads declared; last, containerd's own `ctr run` of the same image on the same
/// host (<see cref="CtrRunComparison"/>), the baseline of the start target.
/// </summary>
internal static class WorkloadBenchmark
{
    private const int RegistryGuestPort = 5000;

    public static async Task<WorkloadResult> RunAsync(BuildManifest build, string repo, string scratch, int starts, CancellationToken cancellationToken)
    {
        await using var registry = await TestRegistry.StartAsync(cancellationToken: cancellationToken);
        var image = $"{QemuMachine.GuestServiceAddress}:{RegistryGuestPort}/web:1";
        var tools = await CtrRunComparison.PushImageAsync(registry, $"{QemuMachine.GuestServiceAddress}:{RegistryGuestPort}", repo, scratch, cancellationToken);
        await registry.PushAsync(TestImages.BusyboxHttpd("bench\n").WriteLayout(Path.Combine(scratch, "image"), "web:1"), "web:1", cancellationToken);
        var userData = $$"""

            [settings.container-registry]
            mirrors = [{ registry = "{{QemuMachine.GuestServiceAddress}}:{{RegistryGuestPort}}", endpoint = ["http://{{QemuMachine.GuestServiceAddress}}:{{RegistryGuestPort}}"] }]

            """;
        var instance = await InstanceLauncher.StartAsync(build, Path.Combine(scratch, "host"), "bench-workloads", direct: true, "4G", cancellationToken, userData,
            guestServices: [(RegistryGuestPort, registry.Port)]);
        try
        {
            await InstanceLauncher.WaitForApiAsync(instance, TimeSpan.FromMinutes(5), null, cancellationToken, TimeSpan.FromMilliseconds(100));
            using var api = ApiClient.ForRemote(instance.ApiAddress, instance.Tls.LoadClient(), instance.Tls.LoadCa());
            await WaitAsync(api, _ => true, "GET /workloads", TimeSpan.FromMinutes(3), cancellationToken); // the manager's first pass
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var idleBefore = BootBenchmark.MetricValue(await api.GetStringAsync("/metrics", cancellationToken), "hull_memory_used_bytes");

            var samples = new List<WorkloadSample>();
            for (var i = 0; i < starts; i++)
            {
                samples.Add(await StartOneAsync(api, $"w{i}", image, cold: i == 0, cancellationToken));
                Console.WriteLine($"w{i}: running after {samples[^1].ToRunningSeconds:F2} s, healthy after {samples[^1].ToHealthySeconds:F2} s{(i == 0 ? " (pull)" : "")}");
            }

            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            var metrics = await api.GetStringAsync("/metrics", cancellationToken);
            var idleAfter = BootBenchmark.MetricValue(metrics, "hull_memory_used_bytes");
            var managerRss = BootBenchmark.MetricValue(metrics, "hull_process_resident_bytes{process=\"workloads\"}");
            var managerAnon = BootBenchmark.MetricValue(metrics, "hull_process_resident_anon_bytes{process=\"workloads\"}");

            // containerd's own ctr run of the same image, now present, on the same host.
            var streams = new Ctl.CtlStreams(() => new HttpMessageInvoker(ApiClient.RemoteHandler(instance.Tls.LoadClient(), instance.Tls.LoadCa())), Stream.Null, Stream.Null, Stream.Null, false);
            var ctrRuns = await CtrRunComparison.RunAsync(api, streams, tools, image, Math.Max(3, starts - 1), cancellationToken);
            return new WorkloadResult(samples, (idleAfter - idleBefore) / starts, managerRss, ctrRuns, managerAnon);
        }
        finally
        {
            await InstanceLauncher.StopAsync(instance, graceful: false);
        }
    }

    private static async Task<WorkloadSample> StartOneAsync(HttpClient api, string name, string image, bool cold, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var patch = new System.Text.Json.Nodes.JsonObject
        {
            ["workloads"] = new System.Text.Json.Nodes.JsonObject
            {
                [name] = new System.Text.Json.Nodes.JsonObject
                {
                    ["image"] = image,
                    ["health-check"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "http", ["port"] = 8080, ["path"] = "/index.html", ["interval-seconds"] = 1 },
                },
            },
        }.ToJsonString();
        using (var response = await api.PatchAsync($"/settings?tx={name}", new StringContent(patch, Encoding.UTF8, "application/json"), cancellationToken))
        {
            response.EnsureSuccessStatusCode();
        }

        using (var response = await api.PostAsync($"/tx/commit_and_apply?tx={name}", null, cancellationToken))
        {
            response.EnsureSuccessStatusCode();
        }

        await WaitAsync(api, w => w.FirstOrDefault(x => x.Name == name)?.Running == 1, $"{name} running", TimeSpan.FromMinutes(3), cancellationToken);
        var running = clock.Elapsed.TotalSeconds;
        await WaitAsync(api, w => w.FirstOrDefault(x => x.Name == name)?.Replicas is [{ Health: "healthy" }, ..], $"{name} healthy", TimeSpan.FromMinutes(3), cancellationToken);
        return new WorkloadSample(name, cold, running, clock.Elapsed.TotalSeconds);
    }

    private static async Task WaitAsync(HttpClient api, Func<List<WorkloadStatus>, bool> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var text = await api.GetStringAsync("/workloads", cancellationToken);
            if (condition(JsonSerializer.Deserialize(text, ApiJsonContext.Default.ListWorkloadStatus) ?? []))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"no {what} after {timeout.TotalSeconds:F0} s");
    }
}

/// <summary>One workload started: whether its image had to be pulled, seconds from the request to running and to healthy.</summary>
internal sealed record WorkloadSample(string Name, bool Pulled, double ToRunningSeconds, double ToHealthySeconds);

/// <summary>A workload benchmark run: the starts, memory in use per idle replica, and the manager's resident memory.</summary>
/// <param name="ManagerAnonBytes">The manager's resident anonymous memory (its own heap and stacks, without the shared file pages of the binary and libraries); null in runs before it was measured.</param>
internal sealed record WorkloadResult(IReadOnlyList<WorkloadSample> Samples, long MemoryPerReplicaBytes, long ManagerResidentBytes, IReadOnlyList<double>? CtrRunSeconds = null, long? ManagerAnonBytes = null);

/// <summary>The run as committed in bench/results/.</summary>
internal sealed record WorkloadRun(DateTimeOffset Date, string Machine, string Commit, WorkloadResult Result);
