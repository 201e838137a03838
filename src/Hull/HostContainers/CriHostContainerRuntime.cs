using Hull.Containerd;
using Hull.Cri;
using Hull.Cri.V1;
using Hull.Workloads;

namespace Hull.HostContainers;

/// <summary>
/// Host and bootstrap containers on containerd's CRI (<see cref="HostContainerPods"/>). Hull's own image (the
/// sources under <c>localhost/hull/</c>) is imported from the archive on the root the first time it is asked for;
/// any other image is pulled.
/// </summary>
internal sealed class CriHostContainerRuntime(CriClient cri, ImageImporter importer, string imageArchive, TimeProvider time) : IHostContainerRuntime
{
    /// <summary>The sources Hull ships on its root rather than in a registry.</summary>
    public const string BuiltInPrefix = "localhost/hull/";

    private const string ApiSocketPath = "/run/api.sock";

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CriListsItWithin = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<HostPod>> ListAsync(CancellationToken cancellationToken)
    {
        var pods = await cri.ListPodSandboxAsync(null, cancellationToken).ConfigureAwait(false);
        var containers = await cri.ListContainersAsync(null, cancellationToken).ConfigureAwait(false);
        var result = new List<HostPod>();
        foreach (var pod in pods.Where(p => p.Labels.ContainsKey(HostContainerPods.KindLabel)))
        {
            var container = containers.Where(c => c.PodSandboxId == pod.Id && c.Metadata.Name == HostContainerPods.ContainerName).MaxBy(c => c.CreatedAt);
            var status = container is null ? null : await cri.ContainerStatusAsync(container.Id, cancellationToken).ConfigureAwait(false);
            result.Add(new HostPod(
                pod.Labels[HostContainerPods.KindLabel],
                pod.Labels.GetValueOrDefault(HostContainerPods.NameLabel, ""),
                pod.Labels.GetValueOrDefault(HostContainerPods.SpecLabel, ""),
                pod.Id,
                pod.State == PodSandboxState.SandboxReady,
                container?.Id,
                (status?.State ?? container?.State) switch
                {
                    null => ContainerPhase.Missing,
                    ContainerState.ContainerCreated => ContainerPhase.Created,
                    ContainerState.ContainerRunning => ContainerPhase.Running,
                    ContainerState.ContainerExited => ContainerPhase.Exited,
                    _ => ContainerPhase.Unknown,
                },
                status is { State: ContainerState.ContainerExited } ? status.ExitCode : null,
                pod.Labels.GetValueOrDefault(HostContainerPods.ApiSocketLabel, "")));
        }

        return result;
    }

    public async Task EnsureImageAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        if (await cri.ImageStatusAsync(image, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        if (!image.StartsWith(BuiltInPrefix, StringComparison.Ordinal))
        {
            var auth = credential is null ? null : new AuthConfig
            {
                Username = credential.Username ?? "",
                Password = credential.Password ?? "",
                Auth = credential.Auth ?? "",
                IdentityToken = credential.IdentityToken ?? "",
            };
            await cri.PullImageAsync(image, auth, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using (var archive = File.OpenRead(imageArchive))
        {
            await importer.ImportArchiveAsync(archive, image, cancellationToken).ConfigureAwait(false);
        }

        // CRI learns of an imported image from containerd's events, a moment after the import.
        var deadline = time.GetUtcNow() + CriListsItWithin;
        while (await cri.ImageStatusAsync(image, cancellationToken).ConfigureAwait(false) is null)
        {
            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"{image} was imported from {imageArchive}, but CRI did not list it within {CriListsItWithin.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StartAsync(string kind, string name, string image, bool privileged, byte[]? userData, string specHash, CancellationToken cancellationToken)
    {
        var state = Directory.CreateDirectory(Path.Combine(HostContainerPods.StateRoot, kind, name)).FullName;
        var persistent = Directory.CreateDirectory(Path.Combine(state, "persistent")).FullName;
        string? userDataFile = null;
        if (userData is not null)
        {
            userDataFile = Path.Combine(state, "user-data");
            await File.WriteAllBytesAsync(userDataFile, userData, cancellationToken).ConfigureAwait(false);
        }

        var sandbox = HostContainerPods.Sandbox(kind, name, privileged, specHash, ApiSocketIdentity());
        var podId = await cri.RunPodSandboxAsync(sandbox, "", cancellationToken).ConfigureAwait(false);
        var config = HostContainerPods.Container(kind, name, image, privileged, userDataFile, persistent);
        var id = await cri.CreateContainerAsync(podId, config, sandbox, cancellationToken).ConfigureAwait(false);
        await cri.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
    }

    // The socket file's change time: the apiserver makes it anew each time it starts.
    public string ApiSocketIdentity() =>
        File.Exists(ApiSocketPath) ? File.GetLastWriteTimeUtc(ApiSocketPath).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    public async Task RemoveAsync(HostPod pod, CancellationToken cancellationToken)
    {
        if (pod.ContainerId is { } container && pod.PodReady && pod.Phase == ContainerPhase.Running)
        {
            await cri.StopContainerAsync(container, StopGrace, cancellationToken).ConfigureAwait(false);
        }

        await cri.StopPodSandboxAsync(pod.PodId, cancellationToken).ConfigureAwait(false);
        await cri.RemovePodSandboxAsync(pod.PodId, cancellationToken).ConfigureAwait(false);
    }
}
