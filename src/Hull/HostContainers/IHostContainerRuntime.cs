using Hull.Workloads;

namespace Hull.HostContainers;

/// <summary>What the host-container and bootstrap managers need from the container runtime (CRI on the host; a fake in tests).</summary>
internal interface IHostContainerRuntime
{
    /// <summary>Every host and bootstrap container pod.</summary>
    public Task<IReadOnlyList<HostPod>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Makes sure <paramref name="image"/> is present: Hull's own images from the root, others pulled.</summary>
    public Task EnsureImageAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken);

    /// <summary>Starts a pod with its container for <paramref name="name"/> of <paramref name="kind"/>, with its user data mounted.</summary>
    public Task StartAsync(string kind, string name, string image, bool privileged, byte[]? userData, string specHash, CancellationToken cancellationToken);

    /// <summary>
    /// Which API socket a container started now would get: the socket is bind-mounted as a file, so one the apiserver
    /// made again after a restart is a different file, and containers started before it must be replaced to reach it.
    /// </summary>
    public string ApiSocketIdentity();

    /// <summary>Stops and removes a pod.</summary>
    public Task RemoveAsync(HostPod pod, CancellationToken cancellationToken);
}
