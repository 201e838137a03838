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

    public static IReadOnlyList<ServiceDefinition> Definitions() =>
    [
        new(ApiServer, "/usr/bin/hull", ["apiserver"], () => Readiness.UnixSocketAccepts(ApiSocket), []),
        new("timesync", "/usr/bin/hull", ["timesync"], () => File.Exists("/run/hull/time-sync.json"), [ApiServer]),
        new("containerd", "/usr/bin/containerd", ["--config", "/etc/containerd/config.toml"], () => Readiness.UnixSocketAccepts(ContainerdSocket), [],
            Settings.ContainerdEnvironment.Path),
        new("workloads", "/usr/bin/hull", ["workloads"], () => File.Exists(Workloads.WorkloadService.StatusFile), [ApiServer, "containerd"]),
        new("updater", "/usr/bin/hull", ["updater"], () => Readiness.UnixSocketAccepts(Updates.UpdaterService.SocketPath), [ApiServer]),
    ];
}
