namespace Hull.Workloads;

/// <summary>Where a replica's one container is, as the runtime reports it.</summary>
internal enum ContainerPhase
{
    /// <summary>The pod exists but its container does not (yet, or any more).</summary>
    Missing,
    Created,
    Running,
    Exited,
    Unknown,
}

/// <summary>
/// A replica as it runs: a pod sandbox labelled with its workload, index and spec hash, and its container.
/// A pod that is not ready (its namespaces are gone, e.g. after a reboot) only waits to be removed.
/// </summary>
internal sealed record ReplicaState(
    string Workload,
    int Index,
    string SpecHash,
    string PodId,
    string? PodIp,
    string? ContainerId,
    ContainerPhase Phase,
    int? ExitCode,
    int Restarts,
    DateTimeOffset? FinishedAt,
    bool PodReady = true);
