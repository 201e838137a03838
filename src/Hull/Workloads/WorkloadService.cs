using System.Text.Json.Nodes;
using Hull.Api;
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

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public static int Run()
    {
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
        using var cri = new CriClient(CriClientOptions.For());
        using var api = ApiClient.ForUnixSocket(ApiServer.SocketPath);

        var manager = new WorkloadManager(new CriWorkloadRuntime(cri, LogRoot), ct => ReadSettingsAsync(api, ct), StatusFile, TimeProvider.System, Console.Out);
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
