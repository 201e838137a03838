using System.Text;
using System.Text.Json;
using Hull.Cri;
using Hull.Cri.V1;
using Hull.Testing.Containerd;

namespace Hull.Core.Tests.Cri;

/// <summary>
/// Pods and containers on a real containerd: host-network pods (no CNI on the build machine),
/// the busybox images from <see cref="TestImages"/>, the kernel's own view (/proc/self/status)
/// as the oracle for what the security context asked.
/// </summary>
public sealed class CriClientPodTests(ContainerdWithImagesFixture containerd) : IClassFixture<ContainerdWithImagesFixture>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempDirectory _temp = new();

    private CriClient Cri => containerd.Cri;

    [Fact]
    public async Task ImageStatusAsync_ImportedImage_HasIdTagAndSize()
    {
        var image = await Cri.ImageStatusAsync(TestImages.Shell, Ct);

        image.ShouldNotBeNull();
        image.Id.ShouldStartWith("sha256:");
        image.RepoTags.ShouldContain(TestImages.Shell);
        image.Size.ShouldBeGreaterThan(1_000_000ul);   // busybox alone is ~2 MB
        (await Cri.ListImagesAsync(Ct)).Select(i => i.Id).ShouldContain(image.Id);
    }

    [Fact]
    public async Task RunPodSandboxAsync_HostNetwork_ReadyListedThenStoppedAndRemoved()
    {
        var config = HostNetworkPod("lifecycle");
        var id = await Cri.RunPodSandboxAsync(config, "", Ct);
        try
        {
            var status = await Cri.PodSandboxStatusAsync(id, Ct);
            status.ShouldNotBeNull();
            status.State.ShouldBe(PodSandboxState.SandboxReady);
            status.Metadata.Name.ShouldBe("lifecycle");
            status.Metadata.Namespace.ShouldBe("hull-test");
            status.Labels["hull.test/pod"].ShouldBe("lifecycle");
            status.Annotations["hull.test/note"].ShouldBe("made by the tests");
            status.Linux.Namespaces.Options.Network.ShouldBe(NamespaceMode.Node);

            var selected = await Cri.ListPodSandboxAsync(new PodSandboxFilter { LabelSelector = { ["hull.test/pod"] = "lifecycle" } }, Ct);
            selected.Select(p => p.Id).ShouldBe([id]);

            await Cri.StopPodSandboxAsync(id, Ct);
            (await Cri.PodSandboxStatusAsync(id, Ct))!.State.ShouldBe(PodSandboxState.SandboxNotready);
        }
        finally
        {
            await Cri.RemovePodSandboxAsync(id, Ct);
        }

        (await Cri.PodSandboxStatusAsync(id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateContainerAsync_SecurityResourcesMountsEnv_ReachTheProcess()
    {
        var data = _temp.Write("data/hello.txt", "hello from the host\n");
        var pod = HostNetworkPod("secure");
        var podId = await Cri.RunPodSandboxAsync(pod, "", Ct);
        try
        {
            var config = Shell("app", ["sleep", "2147483647"]);
            config.Envs.Add(new KeyValue { Key = "GREETING", Value = "hi there" });
            config.Mounts.Add(new Mount { ContainerPath = "/data", HostPath = Path.GetDirectoryName(data), Readonly = true });
            config.Linux = new LinuxContainerConfig
            {
                Resources = new LinuxContainerResources { MemoryLimitInBytes = 64 << 20, CpuPeriod = 100_000, CpuQuota = 50_000, CpuShares = 512 },
                SecurityContext = new LinuxContainerSecurityContext
                {
                    RunAsUser = new Int64Value { Value = 65534 },
                    RunAsGroup = new Int64Value { Value = 65534 },
                    ReadonlyRootfs = true,
                    NoNewPrivs = true,
                    Capabilities = new Capability { DropCapabilities = { "ALL" }, AddCapabilities = { "NET_BIND_SERVICE" } },
                    Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Container },
                },
            };
            var id = await Cri.CreateContainerAsync(podId, config, pod, Ct);
            await Cri.StartContainerAsync(id, Ct);
            (await Cri.ContainerStatusAsync(id, Ct))!.State.ShouldBe(ContainerState.ContainerRunning);

            (await RunAsync(id, "id", "-u")).ShouldBe("65534\n");
            (await RunAsync(id, "sh", "-c", "echo $GREETING")).ShouldBe("hi there\n");
            (await RunAsync(id, "cat", "/data/hello.txt")).ShouldBe("hello from the host\n");
            var kernel = await RunAsync(id, "cat", "/proc/self/status");
            kernel.ShouldContain("NoNewPrivs:\t1");
            kernel.ShouldContain("Seccomp:\t2");                   // filter mode: the runtime's default profile
            // CAP_NET_BIND_SERVICE (bit 10) alone is left to the process; uid 65534 without
            // ambient capabilities has none in effect.
            kernel.ShouldContain("CapBnd:\t0000000000000400");
            kernel.ShouldContain("CapEff:\t0000000000000000");
            (await ExecAsync(id, "touch", "/data/new")).ExitCode.ShouldNotBe(0);   // read-only mount
            (await ExecAsync(id, "touch", "/new")).ExitCode.ShouldNotBe(0);        // read-only root
            var resolv = await RunAsync(id, "cat", "/etc/resolv.conf");
            resolv.ShouldContain("nameserver 10.9.8.7");
            resolv.ShouldContain("search hull.test");
            resolv.ShouldContain("options ndots:2");

            var verbose = await Cri.ContainerStatusVerboseAsync(id, Ct);
            using var info = JsonDocument.Parse(verbose!.Info["info"]);
            var resources = info.RootElement.GetProperty("runtimeSpec").GetProperty("linux").GetProperty("resources");
            resources.GetProperty("memory").GetProperty("limit").GetInt64().ShouldBe(64L << 20);
            resources.GetProperty("cpu").GetProperty("quota").GetInt64().ShouldBe(50_000);
            resources.GetProperty("cpu").GetProperty("period").GetInt64().ShouldBe(100_000);
            resources.GetProperty("cpu").GetProperty("shares").GetInt64().ShouldBe(512);

            await Cri.StopContainerAsync(id, TimeSpan.FromSeconds(1), Ct);
            var stopped = await Cri.ContainerStatusAsync(id, Ct);
            stopped!.State.ShouldBe(ContainerState.ContainerExited);
            await Cri.RemoveContainerAsync(id, Ct);
            (await Cri.ContainerStatusAsync(id, Ct)).ShouldBeNull();
        }
        finally
        {
            await Cri.StopPodSandboxAsync(podId, Ct);
            await Cri.RemovePodSandboxAsync(podId, Ct);
        }
    }

    [Fact]
    public async Task StartContainerAsync_CommandThatExits_ExitCodeAndLogFileInCriFormat()
    {
        var pod = HostNetworkPod("logs");
        var podId = await Cri.RunPodSandboxAsync(pod, "", Ct);
        try
        {
            var config = Shell("once", ["sh", "-c", "echo to stdout; echo to stderr >&2; exit 3"]);
            config.LogPath = "once/0.log";
            var id = await Cri.CreateContainerAsync(podId, config, pod, Ct);
            await Cri.StartContainerAsync(id, Ct);

            var status = await WaitForExitAsync(id);
            status.ExitCode.ShouldBe(3);
            status.LogPath.ShouldBe(Path.Combine(pod.LogDirectory, "once/0.log"));
            var containers = await Cri.ListContainersAsync(new ContainerFilter { PodSandboxId = podId }, Ct);
            containers.Single().Metadata.Name.ShouldBe("once");

            // CRI log lines: "<RFC 3339 time> <stream> <F: full line | P: partial> <text>".
            var lines = File.ReadAllLines(status.LogPath);
            lines.ShouldContain(l => l.EndsWith(" stdout F to stdout", StringComparison.Ordinal));
            lines.ShouldContain(l => l.EndsWith(" stderr F to stderr", StringComparison.Ordinal));
        }
        finally
        {
            await Cri.StopPodSandboxAsync(podId, Ct);
            await Cri.RemovePodSandboxAsync(podId, Ct);
        }
    }

    [Fact]
    public async Task ExecSyncAsync_FailingCommand_ExitCodeAndStderrAreTheAnswer()
    {
        var pod = HostNetworkPod("exec");
        var podId = await Cri.RunPodSandboxAsync(pod, "", Ct);
        try
        {
            var id = await Cri.CreateContainerAsync(podId, Shell("idle", ["sleep", "2147483647"]), pod, Ct);
            await Cri.StartContainerAsync(id, Ct);

            var result = await ExecAsync(id, "sh", "-c", "echo oops >&2; exit 7");

            result.ExitCode.ShouldBe(7);
            result.Stderr.ToStringUtf8().ShouldBe("oops\n");
        }
        finally
        {
            await Cri.StopPodSandboxAsync(podId, Ct);
            await Cri.RemovePodSandboxAsync(podId, Ct);
        }
    }

    private PodSandboxConfig HostNetworkPod(string name)
    {
        var logs = Directory.CreateDirectory(_temp.File($"logs/{name}")).FullName;
        return new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = "hull-test", Uid = Guid.NewGuid().ToString("N") },
            // No Hostname: containerd 1.6 passes it to runc even with the host's network (and so
            // the host's UTS namespace), and runc refuses "unable to set hostname without a
            // private UTS namespace".
            LogDirectory = logs,
            DnsConfig = new DNSConfig { Servers = { "10.9.8.7" }, Searches = { "hull.test" }, Options = { "ndots:2" } },
            // With the host's network there is nothing to map; the field still has to pass through.
            PortMappings = { new PortMapping { Protocol = Protocol.Tcp, ContainerPort = 8080, HostPort = 18080 } },
            Labels = { ["hull.test/pod"] = name },
            Annotations = { ["hull.test/note"] = "made by the tests" },
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Pod, Ipc = NamespaceMode.Pod },
                },
            },
        };
    }

    private static ContainerConfig Shell(string name, string[] command) => new()
    {
        Metadata = new ContainerMetadata { Name = name },
        Image = new ImageSpec { Image = TestImages.Shell },
        Command = { command },
        LogPath = $"{name}.log",
    };

    private Task<ExecSyncResponse> ExecAsync(string id, params string[] command) =>
        Cri.ExecSyncAsync(id, command, TimeSpan.FromSeconds(30), Ct);

    private async Task<string> RunAsync(string id, params string[] command)
    {
        var result = await ExecAsync(id, command);
        result.ExitCode.ShouldBe(0, $"{string.Join(' ', command)}: {result.Stderr.ToStringUtf8()}");
        return result.Stdout.ToStringUtf8();
    }

    private async Task<ContainerStatus> WaitForExitAsync(string id)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = await Cri.ContainerStatusAsync(id, Ct);
            if (status!.State == ContainerState.ContainerExited)
            {
                return status;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"container {id} did not exit:\n{containerd.Daemon.Log}");
    }

    public void Dispose() => _temp.Dispose();
}
