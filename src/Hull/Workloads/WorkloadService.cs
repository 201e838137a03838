using System.Text;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Containerd;
using Hull.Containers;
using Hull.Cri;
using Hull.HostContainers;
using Hull.Platform;

namespace Hull.Workloads;

/// <summary>
/// The `workloads` service, which runs every container the host runs for its user: waits for containerd's CRI and
/// makes sure the sandbox image is there; runs the bootstrap containers to completion (<see cref="BootstrapRunner"/>;
/// a failed essential one stops here, and the service never becomes ready); then keeps the host containers
/// (<see cref="HostContainerManager"/>) and <c>settings.workloads</c> (<see cref="WorkloadManager"/>) as declared,
/// each in its own loop every two seconds and at once after the API applies a transaction (<see cref="FileSignal"/>),
/// so a slow pull for one never holds up the other.
/// </summary>
internal static class WorkloadService
{
    /// <summary>Where the state of every workload is published (read by the API server); its presence makes the service ready.</summary>
    public const string StatusFile = "/run/hull/workloads.json";

    /// <summary>Where the state of every host container is published.</summary>
    public const string HostContainersFile = "/run/hull/host-containers.json";

    /// <summary>Where this boot's bootstrap containers' outcomes are published.</summary>
    public const string BootstrapFile = "/run/hull/bootstrap-containers.json";

    /// <summary>Under which each replica's pod keeps its container logs.</summary>
    public const string LogRoot = "/var/log/workloads";

    /// <summary>Under which each workload's volumes live (on DATA).</summary>
    public const string VolumeRoot = "/var/lib/workloads/volumes";

    /// <summary>Which range of host ids each workload with a user namespace has (on DATA, kept for good).</summary>
    public const string UserNamespacesFile = "/var/lib/workloads/user-namespaces";

    /// <summary>Hull's host-container image on the root (see the builder's HostContainerImage).</summary>
    public const string HostContainerArchive = "/usr/share/hull/host-container.tar";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public static int Run()
    {
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
        using var cri = new CriClient(CriClientOptions.For());
        using var containerd = new ContainerdClient(ContainerdClientOptions.For());
        using var api = ApiClient.ForUnixSocket(ApiServer.SocketPath);
        var importer = new ImageImporter(containerd, ImageImporterOptions.Default, TimeProvider.System);
        ApiclientMounts.WriteLauncher();

        // Pods need the sandbox image; until it is in, nothing can start (a failure is retried, not fatal).
        var sandbox = new SandboxImage(cri, importer, TimeProvider.System);
        Retry("make the sandbox image", async ct =>
        {
            if (await sandbox.EnsureAsync(ct).ConfigureAwait(false))
            {
                Console.WriteLine($"workloads: imported the sandbox image {SandboxImage.Name}");
            }
        }, stopping.Token);

        var hostRuntime = new CriHostContainerRuntime(cri, importer, HostContainerArchive, TimeProvider.System);
        var bootstrap = new BootstrapRunner(hostRuntime, (name, ct) => TurnOffAsync(api, name, ct), BootstrapFile, TimeProvider.System, Console.Out, HostConsole.Open());
        var bootstrapped = false;
        Retry("run the bootstrap containers", async ct => bootstrapped = await bootstrap.RunAsync(await ReadSettingsAsync(api, ct).ConfigureAwait(false), ct).ConfigureAwait(false), stopping.Token);
        if (!bootstrapped)
        {
            stopping.Token.WaitHandle.WaitOne();
            return 0;
        }

        var hostContainers = new HostContainerManager(hostRuntime, HostContainersFile, TimeProvider.System, Console.Out);
        using var manager = new WorkloadManager(new CriWorkloadRuntime(cri, LogRoot, VolumeRoot, new UserNamespaceRanges(UserNamespacesFile)), ct => ReadSettingsAsync(api, ct), StatusFile, TimeProvider.System, Console.Out);
        Console.WriteLine("workloads: keeping settings.host-containers and settings.workloads");
        using var hostWake = new FileSignal(FileSignal.SettingsApplied);
        using var workloadWake = new FileSignal(FileSignal.SettingsApplied);
        Task.WhenAll(
            HostContainerLoopAsync(hostContainers, api, hostWake, stopping.Token),
            manager.RunAsync(Interval, stopping.Token, workloadWake)).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task HostContainerLoopAsync(HostContainerManager manager, HttpClient api, FileSignal wake, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await manager.PassAsync(await ReadSettingsAsync(api, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CriException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                Console.WriteLine($"host-containers: pass failed: {e.Message}");
            }

            try
            {
                await wake.WaitAsync(Interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Until it works or the service stops: containerd or the API may not answer yet.
    private static void Retry(string what, Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                step(cancellationToken).GetAwaiter().GetResult();
                return;
            }
            catch (Exception e) when (e is CriException or ContainerdException or ImageImportException or IOException or HttpRequestException or TimeoutException)
            {
                Console.WriteLine($"workloads: cannot {what} yet: {e.Message}");
                cancellationToken.WaitHandle.WaitOne(Interval);
            }
        }
    }

    // A "once" bootstrap container that succeeded: mode off, committed like any settings change.
    private static async Task TurnOffAsync(HttpClient api, string name, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["bootstrap-containers"] = new JsonObject { [name] = new JsonObject { ["mode"] = "off" } } };
        using var body = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/json");
        (await api.PatchAsync("/settings?tx=bootstrap", body, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();
        (await api.PostAsync("/tx/commit_and_apply?tx=bootstrap", null, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();
    }

    private static async Task<JsonObject> ReadSettingsAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var text = await api.GetStringAsync("/settings", cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject ?? [];
    }
}
