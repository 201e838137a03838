using System.Globalization;
using Hull.Cri;
using Hull.Cri.V1;

namespace Hull.Workloads;

/// <summary>
/// Workload replicas as CRI pods: one pod sandbox per replica (its own network namespace on the CNI
/// bridge, host ports through portmap) holding one container named "app". Pods carry the workload, the
/// replica index and the spec hash as labels, so the manager keeps no state of its own. Containers run
/// with the runtime's default seccomp profile, no new privileges, containerd's default capability set and rlimits
/// as changed by <c>settings.oci-defaults</c> (their runtime handler's base spec), their own PID namespace, the
/// limits the spec asks for, and, with <c>user-namespace</c>, a user namespace of the pod's own whose ids are the
/// workload's range of host ids (<see cref="UserNamespaceRanges"/>).
/// </summary>
internal sealed class CriWorkloadRuntime(CriClient cri, string logRoot, string volumeRoot, UserNamespaceRanges userNamespaces) : IWorkloadRuntime
{
    /// <summary>The CRI namespace of every workload pod.</summary>
    public const string PodNamespace = "hull-workloads";

    /// <summary>The CRI runtime handler of every workload pod: runc from the base spec <c>settings.oci-defaults</c> renders (<see cref="Settings.OciDefaults"/>).</summary>
    public const string RuntimeHandler = "workload";

    private const string WorkloadLabel = "hull.workload";
    private const string IndexLabel = "hull.replica";
    private const string SpecLabel = "hull.spec";
    private const string ContainerName = "app";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<ReplicaState>> ListReplicasAsync(CancellationToken cancellationToken)
    {
        var pods = await cri.ListPodSandboxAsync(null, cancellationToken).ConfigureAwait(false);
        var containers = await cri.ListContainersAsync(null, cancellationToken).ConfigureAwait(false);
        var replicas = new List<ReplicaState>();
        foreach (var pod in pods.Where(p => p.Labels.ContainsKey(WorkloadLabel)))
        {
            if (pod.State != PodSandboxState.SandboxReady)
            {
                replicas.Add(new ReplicaState(pod.Labels[WorkloadLabel], Index(pod), pod.Labels[SpecLabel], pod.Id, null, null, ContainerPhase.Unknown, null, 0, null, PodReady: false));
                continue;
            }

            var container = containers.Where(c => c.PodSandboxId == pod.Id && c.Metadata.Name == ContainerName).MaxBy(c => c.Metadata.Attempt);
            var status = container is null ? null : await cri.ContainerStatusAsync(container.Id, cancellationToken).ConfigureAwait(false);
            var podStatus = await cri.PodSandboxStatusAsync(pod.Id, cancellationToken).ConfigureAwait(false);
            replicas.Add(new ReplicaState(
                pod.Labels[WorkloadLabel],
                Index(pod),
                pod.Labels[SpecLabel],
                pod.Id,
                string.IsNullOrEmpty(podStatus?.Network?.Ip) ? null : podStatus.Network.Ip,
                container?.Id,
                Phase(status?.State ?? container?.State),
                status is { State: ContainerState.ContainerExited } ? status.ExitCode : null,
                (int)(container?.Metadata.Attempt ?? 0),
                status is { FinishedAt: > 0 } ? DateTimeOffset.FromUnixTimeMilliseconds(status.FinishedAt / 1_000_000) : null));
        }

        return replicas;
    }

    public async Task EnsureImageAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        if (await cri.ImageStatusAsync(image, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var auth = RegistryCredentials.ToAuthConfig(credential);
        await cri.PullImageAsync(image, auth, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task StartReplicaAsync(WorkloadSpec spec, int index, CancellationToken cancellationToken)
    {
        var sandbox = SandboxConfig(spec, index);
        var podId = await cri.RunPodSandboxAsync(sandbox, RuntimeHandler, cancellationToken).ConfigureAwait(false);

        // Should this fail, the pod stays: the next pass sees it without a container and restarts it with back-off.
        await StartContainerAsync(spec, podId, sandbox, 0, cancellationToken).ConfigureAwait(false);
    }

    public async Task RestartContainerAsync(WorkloadSpec spec, ReplicaState replica, CancellationToken cancellationToken)
    {
        if (replica.ContainerId is { } old)
        {
            await cri.RemoveContainerAsync(old, cancellationToken).ConfigureAwait(false);
        }

        await StartContainerAsync(spec, replica.PodId, SandboxConfig(spec, replica.Index), (uint)(replica.Restarts + 1), cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await cri.ExecSyncAsync(containerId, command, timeout, cancellationToken).ConfigureAwait(false)).ExitCode;

    public async Task RemoveReplicaAsync(ReplicaState replica, CancellationToken cancellationToken)
    {
        if (replica.ContainerId is { } container && replica.PodReady)
        {
            await cri.StopContainerAsync(container, StopGrace, cancellationToken).ConfigureAwait(false);
        }

        await cri.StopPodSandboxAsync(replica.PodId, cancellationToken).ConfigureAwait(false);
        await cri.RemovePodSandboxAsync(replica.PodId, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartContainerAsync(WorkloadSpec spec, string podId, PodSandboxConfig sandbox, uint attempt, CancellationToken cancellationToken)
    {
        var range = UserNamespaceOf(spec);
        var config = ContainerConfig(spec, attempt, range);

        // Volumes are shared by every replica of the workload and kept when it is replaced or removed. In a user
        // namespace the volume's folder belongs to the container's root (what is inside it keeps its owners).
        foreach (var volume in spec.Volumes)
        {
            var hostPath = Path.Combine(volumeRoot, spec.Name, volume.Name);
            Directory.CreateDirectory(hostPath);
            if (range is { } r)
            {
                Interop.Libc.Chown(hostPath, r.HostId, r.HostId);
            }

            config.Mounts.Add(new Mount { ContainerPath = volume.Path, HostPath = hostPath, Readonly = volume.ReadOnly });
        }

        var id = await cri.CreateContainerAsync(podId, config, sandbox, cancellationToken).ConfigureAwait(false);
        await cri.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pod of replica <paramref name="index"/>; its uid is stable per spec, so CRI names it the same way each time.</summary>
    public PodSandboxConfig SandboxConfig(WorkloadSpec spec, int index)
    {
        var name = $"{spec.Name}-{index}";
        var namespaces = Namespaces(UserNamespaceOf(spec));
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = PodNamespace, Uid = $"{name}-{spec.SpecHash}" },
            Hostname = name,
            LogDirectory = Path.Combine(logRoot, name),
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = namespaces,
                    Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
                },
            },
        };
        config.Labels.Add(WorkloadLabel, spec.Name);
        config.Labels.Add(IndexLabel, index.ToString(CultureInfo.InvariantCulture));
        config.Labels.Add(SpecLabel, spec.SpecHash);
        foreach (var port in spec.Ports.Where(p => p.HostPort is not null))
        {
            config.PortMappings.Add(new Cri.V1.PortMapping
            {
                ContainerPort = port.ContainerPort,
                HostPort = port.HostPort!.Value,
                Protocol = port.Protocol == "udp" ? Protocol.Udp : Protocol.Tcp,
            });
        }

        return config;
    }

    /// <summary>
    /// The replica's container, attempt <paramref name="attempt"/> (CRI keeps attempts apart in names and logs), in the user
    /// namespace of <paramref name="range"/> when there is one (the pod's must be the same).
    /// </summary>
    public static ContainerConfig ContainerConfig(WorkloadSpec spec, uint attempt, UserNamespaceRange? range)
    {
        var security = new LinuxContainerSecurityContext
        {
            NoNewPrivs = true,
            ReadonlyRootfs = spec.ReadOnlyRoot,
            NamespaceOptions = Namespaces(range),
            Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
        };
        if (spec.User is var (uid, gid))
        {
            security.RunAsUser = new Int64Value { Value = uid };
            if (gid is { } g)
            {
                security.RunAsGroup = new Int64Value { Value = g };
            }
        }

        var resources = new LinuxContainerResources();
        if (spec.Cpus is { } cpus)
        {
            const long Period = 100_000;
            resources.CpuPeriod = Period;
            resources.CpuQuota = (long)(cpus * Period);
        }

        if (spec.MemoryBytes is { } memory)
        {
            resources.MemoryLimitInBytes = memory;
        }

        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = ContainerName, Attempt = attempt },
            Image = new ImageSpec { Image = spec.Image },
            LogPath = $"{ContainerName}/{attempt}.log",
            Linux = new LinuxContainerConfig { SecurityContext = security, Resources = resources },
        };
        config.Command.AddRange(spec.Command);
        config.Args.AddRange(spec.Args);
        config.Envs.AddRange(spec.Env.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }));
        config.Labels.Add(WorkloadLabel, spec.Name);
        return config;
    }

    private UserNamespaceRange? UserNamespaceOf(WorkloadSpec spec) => spec.UserNamespace ? userNamespaces.For(spec.Name) : null;

    /// <summary>
    /// A pod's network and IPC namespaces, a PID namespace per container, and with a range a user namespace of the pod's
    /// own (containerd 1.7 then makes the network namespace inside it, and gives the container a copy of its image's
    /// files owned by the range).
    /// </summary>
    internal static NamespaceOption Namespaces(UserNamespaceRange? range)
    {
        var namespaces = new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod };
        if (range is { } r)
        {
            var userns = new UserNamespace { Mode = NamespaceMode.Pod };
            userns.Uids.Add(new IDMapping { ContainerId = 0, HostId = r.HostId, Length = UserNamespaceRange.Length });
            userns.Gids.Add(new IDMapping { ContainerId = 0, HostId = r.HostId, Length = UserNamespaceRange.Length });
            namespaces.UsernsOptions = userns;
        }

        return namespaces;
    }

    private static int Index(PodSandbox pod) => int.TryParse(pod.Labels.GetValueOrDefault(IndexLabel), CultureInfo.InvariantCulture, out var index) ? index : -1;

    /// <summary>A CRI container state as a phase (null: no container).</summary>
    internal static ContainerPhase Phase(ContainerState? state) => state switch
    {
        null => ContainerPhase.Missing,
        ContainerState.ContainerCreated => ContainerPhase.Created,
        ContainerState.ContainerRunning => ContainerPhase.Running,
        ContainerState.ContainerExited => ContainerPhase.Exited,
        _ => ContainerPhase.Unknown,
    };
}
