using System.Net;
using System.Text;
using Hull.Api;
using Hull.Containers;
using Hull.Cri.V1;
using Hull.Ctl;
using Hull.HostContainers;
using Hull.Tests.Containers;
using Hull.Testing.Containerd;

namespace Hull.Tests.Api;

/// <summary>
/// GET /exec and `hull ctl exec` end to end on the build machine: the real API server relays a real containerd's
/// exec stream for a container labelled as host container "admin" (host network: the build machine has no CNI).
/// </summary>
public sealed class ExecApiTests(SandboxContainerdFixture containerd) : IClassFixture<SandboxContainerdFixture>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempDirectory _temp = new();
    private ApiServerTests? _server;
    private string _podId = "";

    private string Socket => Path.Combine(Path.GetDirectoryName(_server!.Root)!, "api.sock");

    public async ValueTask InitializeAsync()
    {
        await new SandboxImage(containerd.Cri, containerd.Importer, TimeProvider.System).EnsureAsync(Ct);
        await containerd.Daemon.ImportAsync(TestImages.WriteArchive(_temp.File("images.tar")));
        var pod = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = "host-admin", Namespace = HostContainerPods.PodNamespace, Uid = Guid.NewGuid().ToString("N") },
            LogDirectory = Directory.CreateDirectory(_temp.File("logs")).FullName,
            Labels = { [HostContainerPods.KindLabel] = HostContainerManager.Kind, [HostContainerPods.NameLabel] = "admin" },
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node } },
            },
        };
        _podId = await containerd.Cri.RunPodSandboxAsync(pod, "", Ct);
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = HostContainerPods.ContainerName },
            Image = new ImageSpec { Image = TestImages.Shell },
            Command = { "sleep", "2147483647" },
            LogPath = "main.log",
            Labels = { [HostContainerPods.KindLabel] = HostContainerManager.Kind, [HostContainerPods.NameLabel] = "admin" },
        };
        var id = await containerd.Cri.CreateContainerAsync(_podId, config, pod, Ct);
        await containerd.Cri.StartContainerAsync(id, Ct);

        _server = new ApiServerTests { ContainerdSocket = containerd.Daemon.SocketPath };
        await _server.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _server!.DisposeAsync();
        await containerd.Cri.StopPodSandboxAsync(_podId, CancellationToken.None);
        await containerd.Cri.RemovePodSandboxAsync(_podId, CancellationToken.None);
        _temp.Dispose();
    }

    [Fact]
    public async Task CtlExec_Command_OutputApartAndItsExitCode()
    {
        var (code, stdout, stderr, _) = await CtlAsync(["exec", "admin", "--", "sh", "-c", "echo to stdout; echo to stderr >&2; exit 7"]);

        code.ShouldBe(7);
        stdout.ShouldBe("to stdout\n");
        stderr.ShouldBe("to stderr\n");
    }

    [Fact]
    public async Task CtlExec_InteractiveWithTerminal_AShellReadsStdin()
    {
        var (code, stdout, _, _) = await CtlAsync(["exec", "-it", "admin", "--", "sh"], "tty\necho $((6 * 7))\nexit 3\n");

        code.ShouldBe(3);
        stdout.ShouldContain("/dev/pts/");
        stdout.ShouldContain("42");
    }

    [Fact]
    public async Task CtlExec_HostContainerNotRunning_126AndTheReason()
    {
        var (code, _, _, error) = await CtlAsync(["exec", "control", "--", "true"]);

        code.ShouldBe(126);
        error.ShouldContain("host container 'control' is not running");
    }

    [Fact]
    public async Task CtlExec_NoCommand_UsageError()
    {
        var (code, _, _, error) = await CtlAsync(["exec", "admin"]);

        code.ShouldBe(2);
        error.ShouldContain("exec needs a host container and a command");
    }

    [Fact]
    public async Task Exec_PlainGet_RefusedWithWhatItNeeds()
    {
        using var client = ApiClient.ForUnixSocket(Socket);

        using var response = await client.GetAsync("/exec?target=admin&command=true", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("WebSocket");
    }

    private async Task<(int Code, string Stdout, string Stderr, string Error)> CtlAsync(string[] args, string stdin = "")
    {
        using var client = ApiClient.ForUnixSocket(Socket);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var error = new StringWriter();
        var streams = new CtlStreams(() => new HttpMessageInvoker(ApiClient.UnixSocketHandler(Socket)), new MemoryStream(Encoding.ASCII.GetBytes(stdin)), stdout, stderr, StdinIsTerminal: false);

        var code = await CtlRunner.RunAsync(client, args, TextWriter.Null, error, Ct, streams);

        return (code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), error.ToString());
    }
}
