namespace Hull.Init;

/// <summary>The services of the default variant, in the order they depend on each other.</summary>
internal static class Services
{
    public const string ApiSocket = "/run/api.sock";
    public const string ContainerdSocket = "/run/containerd/containerd.sock";

    /// <summary>PID 1's control socket (root only): the apiserver asks for restarts through it.</summary>
    public const string ControlSocket = "/run/hull/init.sock";

    /// <summary>The one service that is never restarted on request: every request comes through it.</summary>
    public const string ApiServer = "apiserver";

    /// <summary>
    /// The workloads service's garbage collector: no background collections, and a 2 MiB gen0 budget (hexadecimal, as the
    /// runtime reads it). Measured with ten workloads scaled to 0 and back (bench notes in the README): its own resident
    /// memory 25 → 15 MiB, its whole resident set 48 → 38 MiB; its collections are of a small heap, so their pauses stay short.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> LeanGarbageCollector = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_gcConcurrent"] = "0",
        ["DOTNET_GCgen0size"] = "200000",
    };

    public static IReadOnlyList<ServiceDefinition> Definitions() =>
    [
        new(ApiServer, "/usr/bin/hull", ["apiserver"], () => Readiness.UnixSocketAccepts(ApiSocket), []),
        new("timesync", "/usr/bin/hull", ["timesync"], () => File.Exists("/run/hull/time-sync.json"), [ApiServer]),
        new("containerd", "/usr/bin/containerd", ["--config", "/etc/containerd/config.toml"], () => Readiness.UnixSocketAccepts(ContainerdSocket), [],
            Settings.ContainerdEnvironment.Path),
        new("workloads", "/usr/bin/hull", ["workloads"], () => File.Exists(Workloads.WorkloadService.StatusFile), [ApiServer, "containerd"],
            Environment: LeanGarbageCollector),
        new("updater", "/usr/bin/hull", ["updater"], () => Readiness.UnixSocketAccepts(Updates.UpdaterService.SocketPath), [ApiServer]),
    ];
}
