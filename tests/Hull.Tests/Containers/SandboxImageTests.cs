using Hull.Containers;
using Hull.Cri.V1;
using Hull.Oci;
using ContainerdImages = Hull.Testing.Containerd.TestImages;

namespace Hull.Tests.Containers;

/// <summary>The host's pause image against a real containerd whose CRI names it as its sandbox_image, as the host's config does.</summary>
public sealed class SandboxImageTests(SandboxContainerdFixture containerd) : IClassFixture<SandboxContainerdFixture>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempDirectory _temp = new();

    private SandboxImage Sandbox => new(containerd.Cri, containerd.Importer, TimeProvider.System);

    [Fact]
    public void Builder_WrittenLayout_OneLayerWithAnExecutablePauseAsEntrypoint()
    {
        var image = SandboxImage.Builder().WriteLayout(_temp.File("layout"), SandboxImage.Name);

        // Oracle: GNU tar's listing of the layer.
        var listing = ExternalTool.RunChecked("tar", "-tvzf", OciImageBuilder.BlobPath(image.LayoutDirectory, image.Layer.Digest)).Stdout;
        listing.ShouldContain("-rwxr-xr-x 0/0");
        listing.Trim().ShouldEndWith(" pause");
        listing.Trim().Split('\n').ShouldHaveSingleItem();
        File.ReadAllText(OciImageBuilder.BlobPath(image.LayoutDirectory, image.Config.Digest)).ShouldContain("\"Entrypoint\":[\"/pause\"]");
    }

    [Fact]
    public async Task EnsureAsync_MissingThenPresent_ImportsOnceAndCriRunsPodsOnIt()
    {
        var expected = SandboxImage.Builder().WriteLayout(_temp.File("expected"), SandboxImage.Name);

        (await Sandbox.EnsureAsync(Ct)).ShouldBeTrue();
        (await Sandbox.EnsureAsync(Ct)).ShouldBeFalse();

        var status = (await containerd.Cri.ImageStatusAsync(SandboxImage.Name, Ct)).ShouldNotBeNull();
        status.Id.ShouldBe(expected.Config.Digest);   // the same digests on every build
        status.RepoTags.ShouldBe([SandboxImage.Name]);

        // A pod on it, with a busybox container in the pod's PID namespace: PID 1 there is the sandbox.
        await containerd.Daemon.ImportAsync(ContainerdImages.WriteArchive(_temp.File("busybox.tar")), Ct);
        await WaitForCriAsync(ContainerdImages.Shell);
        var pod = HostNetworkPod();
        var podId = await containerd.Cri.RunPodSandboxAsync(pod, "", Ct);
        try
        {
            (await containerd.Cri.PodSandboxStatusAsync(podId, Ct)).ShouldNotBeNull().State.ShouldBe(PodSandboxState.SandboxReady);
            var config = new ContainerConfig
            {
                Metadata = new ContainerMetadata { Name = "shell" },
                Image = new ImageSpec { Image = ContainerdImages.Shell },
                Command = { "sleep", "2147483647" },
                LogPath = "shell.log",
                Linux = new LinuxContainerConfig
                {
                    SecurityContext = new LinuxContainerSecurityContext { NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Pod } },
                },
            };
            var id = await containerd.Cri.CreateContainerAsync(podId, config, pod, Ct);
            await containerd.Cri.StartContainerAsync(id, Ct);
            (await containerd.Cri.ContainerStatusAsync(id, Ct)).ShouldNotBeNull().State.ShouldBe(ContainerState.ContainerRunning);

            var pid1 = await containerd.Cri.ExecSyncAsync(id, ["cat", "/proc/1/cmdline"], TimeSpan.FromSeconds(30), Ct);
            pid1.ExitCode.ShouldBe(0, pid1.Stderr.ToStringUtf8());
            pid1.Stdout.ToStringUtf8().ShouldBe("/pause\0");
        }
        finally
        {
            await containerd.Cri.StopPodSandboxAsync(podId, Ct);
            await containerd.Cri.RemovePodSandboxAsync(podId, Ct);
        }
    }

    private PodSandboxConfig HostNetworkPod() => new()
    {
        Metadata = new PodSandboxMetadata { Name = "sandbox", Namespace = "hull-test", Uid = Guid.NewGuid().ToString("N") },
        LogDirectory = Directory.CreateDirectory(_temp.File("logs")).FullName,
        Linux = new LinuxPodSandboxConfig
        {
            SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Pod } },
        },
    };

    // CRI learns of imported images from containerd's events.
    private async Task WaitForCriAsync(string image)
    {
        for (var attempt = 0; await containerd.Cri.ImageStatusAsync(image, Ct) is null; attempt++)
        {
            attempt.ShouldBeLessThan(100, $"CRI never listed {image}:\n{containerd.Daemon.Log}");
            await Task.Delay(100, Ct);
        }
    }

    public void Dispose() => _temp.Dispose();
}
