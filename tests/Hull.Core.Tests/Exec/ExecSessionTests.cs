using System.Text;
using Hull.Core.Tests.Cri;
using Hull.Cri;
using Hull.Cri.V1;
using Hull.Exec;
using Hull.Testing.Containerd;

namespace Hull.Core.Tests.Exec;

/// <summary>
/// Streaming exec against a real containerd: CRI Exec gives the URL of its streaming server, and
/// <see cref="ExecSession"/> speaks the v4 channel protocol to it, with and without a terminal.
/// </summary>
public sealed class ExecSessionTests(ContainerdWithImagesFixture containerd) : IClassFixture<ContainerdWithImagesFixture>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempDirectory _temp = new();
    private string _podId = "";
    private string _containerId = "";

    private CriClient Cri => containerd.Cri;

    public async ValueTask InitializeAsync()
    {
        var pod = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = "exec", Namespace = "hull-test", Uid = Guid.NewGuid().ToString("N") },
            LogDirectory = Directory.CreateDirectory(_temp.File("logs")).FullName,
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node } },
            },
        };
        _podId = await Cri.RunPodSandboxAsync(pod, "", Ct);
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = "shell" },
            Image = new ImageSpec { Image = TestImages.Shell },
            Command = { "sleep", "2147483647" },
            LogPath = "shell.log",
        };
        _containerId = await Cri.CreateContainerAsync(_podId, config, pod, Ct);
        await Cri.StartContainerAsync(_containerId, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Cri.StopPodSandboxAsync(_podId, CancellationToken.None);
        await Cri.RemovePodSandboxAsync(_podId, CancellationToken.None);
        _temp.Dispose();
    }

    [Fact]
    public async Task RunAsync_NoTerminal_StdoutStderrApartAndTheExitCode()
    {
        var (outcome, stdout, stderr) = await ExecAsync(["sh", "-c", "echo to stdout; echo to stderr >&2; exit 3"], tty: false, stdin: null);

        outcome.ShouldBe(new ExecOutcome(3, null));
        stdout.ShouldBe("to stdout\n");
        stderr.ShouldBe("to stderr\n");
    }

    [Fact]
    public async Task RunAsync_Success_ExitCodeZero()
    {
        var (outcome, stdout, _) = await ExecAsync(["cat", "/proc/1/cmdline"], tty: false, stdin: null);

        outcome.ShouldBe(new ExecOutcome(0, null));
        stdout.ShouldContain("sleep\0" + "2147483647");
    }

    [Fact]
    public async Task RunAsync_TerminalWithStdin_AnInteractiveShellAnswers()
    {
        // The shell reads its commands from the terminal; the terminal echoes them, so only the results are checked.
        var input = new MemoryStream(Encoding.ASCII.GetBytes("tty\necho $((6 * 7))\nexit 5\n"));

        var (outcome, stdout, stderr) = await ExecAsync(["sh"], tty: true, stdin: input);

        outcome.ShouldBe(new ExecOutcome(5, null));
        stdout.ShouldContain("/dev/pts/");
        stdout.ShouldContain("42");
        stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_TerminalResized_TheProcessSeesTheSize()
    {
        var uri = await Cri.ExecAsync(_containerId, ["sh", "-c", "sleep 1; stty size"], tty: true, stdin: false, Ct);
        using var session = await ExecSession.ConnectAsync(ToWebSocket(uri), null, Ct);
        await session.ResizeAsync(123, 45, Ct);
        using var stdout = new MemoryStream();

        var outcome = await session.RunAsync(new MemoryStream(), stdout, Stream.Null, Ct);

        outcome.ShouldBe(new ExecOutcome(0, null));
        Encoding.UTF8.GetString(stdout.ToArray()).ShouldContain("45 123");
    }

    [Fact]
    public async Task RunAsync_NoSuchProgram_AnErrorNotAnExitCode()
    {
        var (outcome, _, _) = await ExecAsync(["/no/such/program"], tty: false, stdin: null);

        outcome.ExitCode.ShouldBeNull();
        outcome.Error.ShouldNotBeNullOrWhiteSpace();
    }

    private static Uri ToWebSocket(Uri uri) => new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri;

    private async Task<(ExecOutcome Outcome, string Stdout, string Stderr)> ExecAsync(string[] command, bool tty, Stream? stdin)
    {
        var uri = await Cri.ExecAsync(_containerId, command, tty, stdin is not null, Ct);
        using var session = await ExecSession.ConnectAsync(ToWebSocket(uri), null, Ct);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var outcome = await session.RunAsync(stdin, stdout, stderr, Ct);
        return (outcome, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}
