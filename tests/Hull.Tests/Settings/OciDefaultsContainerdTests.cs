using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hull.Cri;
using Hull.Cri.V1;
using Hull.Testing.Containerd;
using Hull.Workloads;

namespace Hull.Tests.Settings;

/// <summary>
/// The base OCI spec settings.oci-defaults render, read by a real containerd's CRI plugin: with no settings a container
/// gets the very runtime spec containerd's own default gives it; with settings, the kernel's view of the process
/// (/proc/self/status, the shell's ulimit) shows the capabilities and limits they name. Containers run as workloads do
/// (no new privileges, the runtime's default seccomp profile), on the host's network (no CNI on the build machine).
/// </summary>
public sealed partial class OciDefaultsContainerdTests(OciDefaultsContainerdFixture containerd) : IClassFixture<OciDefaultsContainerdFixture>, IDisposable
{
    // containerd's 14 default capabilities as a mask: CHOWN 0, DAC_OVERRIDE 1, FOWNER 3, FSETID 4, KILL 5, SETGID 6, SETUID 7,
    // SETPCAP 8, NET_BIND_SERVICE 10, NET_RAW 13, SYS_CHROOT 18, MKNOD 27, AUDIT_WRITE 29, SETFCAP 31.
    private const string DefaultMask = "00000000a80425fb";

    // The same without NET_RAW (bit 13), with SYS_PTRACE (bit 19).
    private const string ConfiguredMask = "00000000a80c05fb";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempDirectory _temp = new();

    private CriClient Cri => containerd.Cri;

    [Fact]
    public async Task BaseSpec_NoSettings_SameRuntimeSpecAsContainerdsOwnDefault()
    {
        var (withoutPod, without) = await StartAsync("", "spec-plain");
        var (withPod, with) = await StartAsync(OciDefaultsContainerdFixture.Defaults, "spec-based");
        try
        {
            var expected = await RuntimeSpecAsync(without, withoutPod, "spec-plain");
            var actual = await RuntimeSpecAsync(with, withPod, "spec-based");

            // The whole spec: process (capabilities, rlimits, no new privileges), seccomp, mounts, namespaces, masked paths.
            actual.ShouldBe(expected);
            actual.ShouldContain("\"CAP_NET_RAW\"");
            actual.ShouldContain("\"seccomp\"");
        }
        finally
        {
            await RemoveAsync(withoutPod);
            await RemoveAsync(withPod);
        }
    }

    [Fact]
    public async Task BaseSpec_NoSettings_ProcessHasContainerdsDefaultCapabilitiesAndLimits()
    {
        var (plainPod, plain) = await StartAsync("", "plain-limits");
        var (basedPod, based) = await StartAsync(OciDefaultsContainerdFixture.Defaults, "based-limits");
        try
        {
            var status = await RunAsync(based, "cat", "/proc/self/status");
            status.ShouldContain($"CapBnd:\t{DefaultMask}");
            status.ShouldContain($"CapEff:\t{DefaultMask}");
            status.ShouldContain("NoNewPrivs:\t1");
            status.ShouldContain("Seccomp:\t2");
            (await RunAsync(based, "cat", "/proc/1/limits")).ShouldBe(await RunAsync(plain, "cat", "/proc/1/limits"));
        }
        finally
        {
            await RemoveAsync(plainPod);
            await RemoveAsync(basedPod);
        }
    }

    [Fact]
    public async Task BaseSpec_CapabilitiesAndLimitsFromSettings_ReachTheProcess()
    {
        var (podId, id) = await StartAsync(CriWorkloadRuntime.RuntimeHandler, "configured");
        try
        {
            var status = await RunAsync(id, "cat", "/proc/self/status");
            status.ShouldContain($"CapBnd:\t{ConfiguredMask}");
            status.ShouldContain($"CapEff:\t{ConfiguredMask}");
            status.ShouldContain("NoNewPrivs:\t1");
            status.ShouldContain("Seccomp:\t2");                   // the runtime's default profile still applies on top
            // The container's own process, not an exec: runc 1.1.5 (Go 1.19) lets an exec'd process start with its soft
            // open-files limit raised to the hard one.
            var limits = await RunAsync(id, "cat", "/proc/1/limits");
            Limit(limits, "Max open files").ShouldBe(("1000", "2000"));
            Limit(limits, "Max core file size").ShouldBe(("4096", "unlimited"));
            Limit(limits, "Max processes").ShouldBe(("500", "500"));
        }
        finally
        {
            await RemoveAsync(podId);
        }
    }

    // A pod and a running container under runtime handler "handler" ("" is containerd's default), secured as workloads are.
    private async Task<(string Pod, string Container)> StartAsync(string handler, string name)
    {
        var pod = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = "hull-test", Uid = Guid.NewGuid().ToString("N") },
            LogDirectory = Directory.CreateDirectory(_temp.File($"logs/{name}")).FullName,
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                    Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
                },
            },
        };
        var podId = await Cri.RunPodSandboxAsync(pod, handler, Ct);
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = "app" },
            Image = new ImageSpec { Image = TestImages.Shell },
            Command = { "sleep", "2147483647" },
            LogPath = "app.log",
            Linux = new LinuxContainerConfig
            {
                SecurityContext = new LinuxContainerSecurityContext
                {
                    NoNewPrivs = true,
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                    Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
                },
            },
        };
        var id = await Cri.CreateContainerAsync(podId, config, pod, Ct);
        await Cri.StartContainerAsync(id, Ct);
        return (podId, id);
    }

    // The spec CRI gave runc, with what names this pod and container (ids, name, uid, the pause process) made alike.
    private async Task<string> RuntimeSpecAsync(string id, string podId, string podName)
    {
        var verbose = await Cri.ContainerStatusVerboseAsync(id, Ct);
        var info = JsonNode.Parse(verbose!.Info["info"])!;
        var uid = (await Cri.PodSandboxStatusAsync(podId, Ct))!.Metadata.Uid;
        var spec = info["runtimeSpec"]!.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
            .Replace(id, "CONTAINER", StringComparison.Ordinal)
            .Replace(podId, "POD", StringComparison.Ordinal)
            .Replace(uid, "UID", StringComparison.Ordinal)
            .Replace($"\"{podName}\"", "\"NAME\"", StringComparison.Ordinal);
        return PauseProcess().Replace(spec, "/proc/PAUSE/ns/");
    }

    [GeneratedRegex(@"/proc/[0-9]+/ns/")]
    private static partial Regex PauseProcess();

    // A row of /proc/PID/limits: "Max open files            1000                 2000                 files".
    private static (string Soft, string Hard) Limit(string limits, string name)
    {
        var fields = limits.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[name.Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (fields[0], fields[1]);
    }

    private async Task<string> RunAsync(string id, params string[] command)
    {
        var result = await Cri.ExecSyncAsync(id, command, TimeSpan.FromSeconds(30), Ct);
        result.ExitCode.ShouldBe(0, $"{string.Join(' ', command)}: {result.Stderr.ToStringUtf8()}");
        return result.Stdout.ToStringUtf8();
    }

    private async Task RemoveAsync(string podId)
    {
        await Cri.StopPodSandboxAsync(podId, Ct);
        await Cri.RemovePodSandboxAsync(podId, Ct);
    }

    public void Dispose() => _temp.Dispose();
}
