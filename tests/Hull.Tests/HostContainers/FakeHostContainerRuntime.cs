using Hull.HostContainers;
using Hull.Workloads;

namespace Hull.Tests.HostContainers;

/// <summary>
/// An in-memory container runtime at the CRI boundary (the real one is exercised against containerd in the end-to-end
/// tests): records what was started and removed; a started container runs, or exits with the code a test sets for its
/// name. Images named in <see cref="MissingImages"/> cannot be had.
/// </summary>
internal sealed class FakeHostContainerRuntime : IHostContainerRuntime
{
    private int _next;

    public List<HostPod> Pods { get; } = [];

    /// <summary>The API socket's identity now (a test changes it to play an apiserver restart).</summary>
    public string ApiSocket { get; set; } = "socket-1";

    public List<string> Started { get; } = [];

    public List<string> Removed { get; } = [];

    public Dictionary<string, byte[]?> UserData { get; } = [];

    public Dictionary<string, int> ExitCodes { get; } = [];

    public HashSet<string> MissingImages { get; } = [];

    public Task<IReadOnlyList<HostPod>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<HostPod>>([.. Pods]);

    public Task EnsureImageAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken) =>
        MissingImages.Contains(image) ? throw new IOException($"{image}: not found") : Task.CompletedTask;

    public Task StartAsync(string kind, string name, string image, bool privileged, byte[]? userData, string specHash, CancellationToken cancellationToken)
    {
        Started.Add($"{kind}/{name}{(privileged ? " privileged" : "")}");
        UserData[$"{kind}/{name}"] = userData;
        var exited = ExitCodes.TryGetValue(name, out var code);
        Pods.Add(new HostPod(kind, name, specHash, $"pod-{++_next}", true, $"c-{_next}", exited ? ContainerPhase.Exited : ContainerPhase.Running, exited ? code : null, ApiSocket));
        return Task.CompletedTask;
    }

    public string ApiSocketIdentity() => ApiSocket;

    public Task RemoveAsync(HostPod pod, CancellationToken cancellationToken)
    {
        Removed.Add($"{pod.Kind}/{pod.Name}");
        Pods.Remove(pod);
        return Task.CompletedTask;
    }

    /// <summary>Makes the running container of <paramref name="name"/> exit with <paramref name="code"/>.</summary>
    public void Exit(string name, int code)
    {
        var pod = Pods.Single(p => p.Name == name);
        Pods[Pods.IndexOf(pod)] = pod with { Phase = ContainerPhase.Exited, ExitCode = code };
    }
}
