namespace Hull.Init;

/// <summary>The services of the default variant, in the order they depend on each other.</summary>
internal static class Services
{
    public const string ApiSocket = "/run/api.sock";
    public const string ContainerdSocket = "/run/containerd/containerd.sock";

    public static IReadOnlyList<ServiceDefinition> Definitions() =>
    [
        new("apiserver", "/usr/bin/hull", ["apiserver"], () => Readiness.UnixSocketAccepts(ApiSocket), []),
        new("timesync", "/usr/bin/hull", ["timesync"], () => File.Exists("/run/hull/time-sync.json"), ["apiserver"]),
        new("containerd", "/usr/bin/containerd", ["--config", "/etc/containerd/config.toml"], () => Readiness.UnixSocketAccepts(ContainerdSocket), []),
        new("workloads", "/usr/bin/hull", ["workloads"], () => File.Exists(Workloads.WorkloadService.StatusFile), ["apiserver", "containerd"]),
    ];
}
