using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Containerd;
using Hull.Containers;
using Hull.Cri;

namespace Hull.Workloads;

/// <summary>
/// The `workloads` service: waits for containerd's CRI, makes sure the sandbox image is there, then
/// reconciles <c>settings.workloads</c> every two seconds and publishes the state for GET /workloads.
/// </summary>
internal static class WorkloadService
{
    /// <summary>Where the state of every workload is published (read by the API server).</summary>
    public const string StatusFile = "/run/hull/workloads.json";

    /// <summary>Under which each replica's pod keeps its container logs.</summary>
    public const string LogRoot = "/var/log/workloads";

    /// <summary>Under which each workload's volumes live (on DATA).</summary>
    public const string VolumeRoot = "/var/lib/workloads/volumes";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public static int Run()
    {
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
        using var cri = new CriClient(CriClientOptions.For());
        using var containerd = new ContainerdClient(ContainerdClientOptions.For());
        using var api = ApiClient.ForUnixSocket(ApiServer.SocketPath);

        // Pods need the sandbox image; until it is in, nothing can start (a failure is retried, not fatal).
        var sandbox = new SandboxImage(cri, new ImageImporter(containerd, ImageImporterOptions.Default, TimeProvider.System), TimeProvider.System);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (sandbox.EnsureAsync(stopping.Token).GetAwaiter().GetResult())
                {
                    Console.WriteLine($"workloads: imported the sandbox image {SandboxImage.Name}");
                }

                break;
            }
            catch (Exception e) when (e is CriException or ContainerdException or ImageImportException or IOException)
            {
                Console.WriteLine($"workloads: cannot make the sandbox image yet: {e.Message}");
                stopping.Token.WaitHandle.WaitOne(Interval);
            }
        }

        using var manager = new WorkloadManager(new CriWorkloadRuntime(cri, LogRoot, VolumeRoot), ct => ReadSettingsAsync(api, ct), StatusFile, TimeProvider.System, Console.Out);
        Console.WriteLine("workloads: reconciling settings.workloads");
        manager.RunAsync(Interval, stopping.Token).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task<JsonObject> ReadSettingsAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var text = await api.GetStringAsync("/settings", cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject ?? [];
    }
}
