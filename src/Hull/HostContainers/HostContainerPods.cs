using Hull.Cri.V1;

namespace Hull.HostContainers;

/// <summary>
/// Host and bootstrap containers as CRI pods (one pod, one container named "main"), labelled with their kind and name
/// so the host keeps no state of its own. Every one gets the API socket and <c>apiclient</c> (<see cref="ApiclientMounts"/>),
/// its decoded user data at <c>/.hull/user-data</c> and a folder on DATA at <c>/.hull/persistent</c>. A superpowered
/// host container and every bootstrap container is privileged, shares the host's network, PID and IPC namespaces, and
/// sees the host's root at <c>/.hull/rootfs</c>; any other runs like a workload (runtime-default seccomp, no new
/// privileges, containerd's default capabilities) on the container network.
/// </summary>
internal static class HostContainerPods
{
    /// <summary>The CRI namespace of host and bootstrap container pods.</summary>
    public const string PodNamespace = "hull-host-containers";

    /// <summary>"host" or "bootstrap".</summary>
    public const string KindLabel = "hull.kind";

    /// <summary>The container's name in settings.</summary>
    public const string NameLabel = "hull.host-container";

    /// <summary>The spec hash the pod was made from.</summary>
    public const string SpecLabel = "hull.spec";

    /// <summary>Which API socket the container got (<see cref="IHostContainerRuntime.ApiSocketIdentity"/>).</summary>
    public const string ApiSocketLabel = "hull.api-socket";

    /// <summary>The one container in each pod.</summary>
    public const string ContainerName = "main";

    /// <summary>Where each container's user data and persistent folder live on the host (DATA), per kind and name.</summary>
    public const string StateRoot = "/var/lib/host-containers";

    /// <summary>Where each pod's logs go.</summary>
    public const string LogRoot = "/var/log/host-containers";

    /// <summary>The pod of container <paramref name="name"/> of <paramref name="kind"/>.</summary>
    public static PodSandboxConfig Sandbox(string kind, string name, bool privileged, string specHash, string apiSocket)
    {
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = $"{kind}-{name}", Namespace = PodNamespace, Uid = $"{kind}-{name}-{specHash}" },
            LogDirectory = Path.Combine(LogRoot, $"{kind}-{name}"),
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    Privileged = privileged,
                    NamespaceOptions = privileged
                        ? new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Node, Ipc = NamespaceMode.Node }
                        : new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                    Seccomp = privileged ? null : new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
                },
            },
        };

        // runc refuses a hostname in the host's UTS namespace (which the host network brings).
        if (!privileged)
        {
            config.Hostname = name;
        }

        config.Labels.Add(KindLabel, kind);
        config.Labels.Add(NameLabel, name);
        config.Labels.Add(SpecLabel, specHash);
        config.Labels.Add(ApiSocketLabel, apiSocket);
        return config;
    }

    /// <summary>The container: the image's own command, the mounts every host container gets, and the kind in <c>HULL_CONTAINER_KIND</c>.</summary>
    public static ContainerConfig Container(string kind, string name, string image, bool privileged, string? userDataFile, string persistentDirectory)
    {
        var security = new LinuxContainerSecurityContext
        {
            Privileged = privileged,
            NoNewPrivs = !privileged,
            NamespaceOptions = privileged
                ? new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Node, Ipc = NamespaceMode.Node }
                : new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
            Seccomp = privileged ? null : new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
        };
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = ContainerName },
            Image = new ImageSpec { Image = image },
            LogPath = $"{ContainerName}.log",
            Linux = new LinuxContainerConfig { SecurityContext = security },
        };
        config.Envs.Add(new KeyValue { Key = "HULL_CONTAINER_KIND", Value = kind });
        config.Envs.Add(new KeyValue { Key = "HULL_CONTAINER_NAME", Value = name });
        config.Mounts.Add(ApiclientMounts.All());
        config.Mounts.Add(new Mount { HostPath = persistentDirectory, ContainerPath = "/.hull/persistent" });
        if (userDataFile is not null)
        {
            config.Mounts.Add(new Mount { HostPath = userDataFile, ContainerPath = "/.hull/user-data", Readonly = true });
        }

        if (privileged)
        {
            config.Mounts.Add(new Mount { HostPath = "/", ContainerPath = "/.hull/rootfs" });
        }

        config.Labels.Add(KindLabel, kind);
        config.Labels.Add(NameLabel, name);
        return config;
    }
}
