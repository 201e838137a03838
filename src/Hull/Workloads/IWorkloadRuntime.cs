namespace Hull.Workloads;

/// <summary>What the workload manager needs from the container runtime; <see cref="CriWorkloadRuntime"/> is the real one.</summary>
internal interface IWorkloadRuntime
{
    /// <summary>Every replica of every workload, as the runtime has them (pods labelled by the manager).</summary>
    public Task<IReadOnlyList<ReplicaState>> ListReplicasAsync(CancellationToken cancellationToken);

    /// <summary>Pulls <paramref name="image"/> unless the runtime has it already.</summary>
    public Task EnsureImageAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken);

    /// <summary>Creates and starts replica <paramref name="index"/> of <paramref name="spec"/>: its pod and its container.</summary>
    public Task StartReplicaAsync(WorkloadSpec spec, int index, CancellationToken cancellationToken);

    /// <summary>Replaces the replica's container with a new one in the same pod and starts it.</summary>
    public Task RestartContainerAsync(WorkloadSpec spec, ReplicaState replica, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="command"/> in the container and returns its exit code (a health check).</summary>
    public Task<int> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Stops and removes the replica's pod and container.</summary>
    public Task RemoveReplicaAsync(ReplicaState replica, CancellationToken cancellationToken);
}

/// <summary>Credentials for one registry, from settings.container-registry.credentials.</summary>
internal sealed record RegistryCredential(string? Username, string? Password, string? Auth, string? IdentityToken);
