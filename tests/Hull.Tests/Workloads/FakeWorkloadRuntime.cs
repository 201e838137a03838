using Hull.Workloads;

namespace Hull.Tests.Workloads;

/// <summary>An in-memory runtime for the manager's tests; CriWorkloadRuntime is checked against the real containerd end to end.</summary>
internal sealed class FakeWorkloadRuntime : IWorkloadRuntime
{
    private int _nextPod;

    public List<ReplicaState> Replicas { get; } = [];

    public HashSet<string> MissingImages { get; } = new(StringComparer.Ordinal);

    public List<string> Pulls { get; } = [];

    /// <summary>Images whose pull never finishes (a registry that stopped answering).</summary>
    public HashSet<string> HangingImages { get; } = new(StringComparer.Ordinal);

    public List<(string Image, RegistryCredential? Credential)> PullRequests { get; } = [];

    public Task<IReadOnlyList<ReplicaState>> ListReplicasAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReplicaState>>([.. Replicas]);

    public Task EnsureImageAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        PullRequests.Add((image, credential));
        if (HangingImages.Contains(image))
        {
            return new TaskCompletionSource().Task;
        }

        if (MissingImages.Contains(image))
        {
            throw new Hull.Cri.CriException(Hull.Cri.CriErrorKind.NotFound, "PullImage", image, Grpc.Core.StatusCode.NotFound, $"CRI PullImage image {image}: not found", null);
        }

        Pulls.Add(image);
        return Task.CompletedTask;
    }

    public Task StartReplicaAsync(WorkloadSpec spec, int index, CancellationToken cancellationToken)
    {
        Replicas.Add(new ReplicaState(spec.Name, index, spec.SpecHash, $"pod{_nextPod++}", $"10.88.0.{_nextPod + 1}", $"c{_nextPod}", ContainerPhase.Running, null, 0, null));
        return Task.CompletedTask;
    }

    public Task RestartContainerAsync(WorkloadSpec spec, ReplicaState replica, CancellationToken cancellationToken)
    {
        Replicas[Replicas.IndexOf(replica)] = replica with { Phase = ContainerPhase.Running, ExitCode = null, Restarts = replica.Restarts + 1 };
        return Task.CompletedTask;
    }

    /// <summary>What health-check commands exit with (0 unless set).</summary>
    public int ExecExitCode { get; set; }

    public Task<int> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(ExecExitCode);

    public Task RemoveReplicaAsync(ReplicaState replica, CancellationToken cancellationToken)
    {
        Replicas.Remove(replica);
        return Task.CompletedTask;
    }

    /// <summary>The container of replica <paramref name="index"/> of <paramref name="workload"/> exits with <paramref name="exitCode"/>.</summary>
    public void Exit(string workload, int index, int exitCode)
    {
        var replica = Replicas.Single(r => r.Workload == workload && r.Index == index);
        Replicas[Replicas.IndexOf(replica)] = replica with { Phase = ContainerPhase.Exited, ExitCode = exitCode };
    }
}
