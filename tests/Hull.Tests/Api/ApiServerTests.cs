using System.Net;
using System.Text.Json;
using Hull.Api;
using Hull.Ctl;
using Hull.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hull.Tests.Api;

/// <summary>The real API server (Kestrel) on a temporary Unix socket and a loopback TLS port, driven by the real client.</summary>
public sealed class ApiServerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly TestCertificates _certs = new("hull-test");
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private int _rebootRequests;

    public ApiServerTests()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A server on <paramref name="time"/>'s clock (a fake one moves deadlines without sleeping).</summary>
    internal ApiServerTests(TimeProvider time)
    {
        _time = time;
    }

    internal WebApplication App => _app!;

    private string Socket => _dir.File("api.sock");

    /// <summary>containerd's socket for the server's image imports (a test's own containerd); none by default.</summary>
    internal string ContainerdSocket { get; init; } = "/nonexistent/containerd.sock";

    internal List<string> Hostnames { get; } = [];

    /// <summary>The restarts the server asked PID 1 for (there is none here to ask).</summary>
    internal RecordingRestarter Restarter { get; } = new();

    internal string Root => _dir.File("root");

    public async ValueTask InitializeAsync()
    {
        var root = _dir.File("root");
        Hull.Init.EtcFiles.WriteContainerdSettingsDefaults(root); // as PID 1 leaves them
        Directory.CreateDirectory(Path.Combine(root, "proc/sys/kernel"));
        File.WriteAllText(Path.Combine(root, "etc/os-release"), "NAME=Hull\nPRETTY_NAME=\"Hull 9.9.9\"\nVERSION_ID=9.9.9\nVARIANT_ID=default\nBUILD_ID=abc123\n");
        File.WriteAllText(Path.Combine(root, "etc/machine-id"), new string('1', 32) + "\n");
        File.WriteAllText(Path.Combine(root, "proc/cmdline"), "console=ttyS0 hull.slot=b hull.root=ROOT-B\n");
        File.WriteAllText(Path.Combine(root, "proc/sys/kernel/osrelease"), "6.1.0-56-cloud-amd64\n");
        File.WriteAllText(Path.Combine(root, "proc/meminfo"), "MemTotal:        1000 kB\nMemFree:          500 kB\nMemAvailable:     600 kB\nBuffers:           10 kB\nCached:            40 kB\nSReclaimable:      50 kB\n");
        File.WriteAllText(Path.Combine(root, "proc/uptime"), "12.50 20.00\n");
        File.WriteAllText(_dir.File("services.json"), """[{"name":"containerd","state":"ready","pid":7,"restarts":1,"started_at":1.5,"ready_at":2.5}]""");
        Directory.CreateDirectory(_dir.File("workload-logs/web-0/app"));
        Directory.CreateDirectory(_dir.File("workload-logs/web-1/app"));
        Directory.CreateDirectory(_dir.File("workload-logs/web-extra/app"));
        File.WriteAllText(_dir.File("workload-logs/web-0/app/0.log"), "2026-11-27T10:00:00.1Z stdout F first attempt\n");
        File.WriteAllText(_dir.File("workload-logs/web-0/app/1.log"), "2026-11-27T10:00:01.1Z stdout F one\n2026-11-27T10:00:01.2Z stderr F two\n2026-11-27T10:00:01.3Z stdout P par\n");
        File.WriteAllText(_dir.File("workload-logs/web-1/app/0.log"), "2026-11-27T10:00:02.1Z stdout F other replica\n");
        File.WriteAllText(_dir.File("workload-logs/web-extra/app/0.log"), "2026-11-27T10:00:02.1Z stdout F another workload\n");
        Directory.CreateDirectory(_dir.File("logs"));
        File.WriteAllText(_dir.File("logs/containerd.log"), string.Concat(Enumerable.Range(1, 300).Select(i => $"line {i}\n")));
        File.WriteAllText(_dir.File("timeline"), "0.500 stage1.start\n1.250 init.start\n");
        File.WriteAllText(_dir.File("user-data.toml"), _certs.RemoteApiUserData("enabled = true\nport = 443"));

        Directory.CreateDirectory(Path.Combine(root, "proc/sys/net/ipv4"));
        Directory.CreateDirectory(Path.Combine(root, "proc/net"));
        File.WriteAllText(Path.Combine(root, "proc/sys/net/ipv4/ip_forward"), "0\n");
        File.WriteAllText(Path.Combine(root, "proc/net/tcp"),
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   0: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0 100 0 0 10 0\n");
        _app = await ApiServer.BuildAsync(new ApiServerOptions
        {
            DatastoreDirectory = _dir.File("datastore"),
            UserDataStatusFile = _dir.File("user-data-status.json"),
            UpdatesDirectory = _dir.File("updates"),
            Console = TextWriter.Null,
            SetHostname = name => Hostnames.Add(name),
            SocketPath = Socket,
            UserDataPath = _dir.File("user-data.toml"),
            ServicesFile = _dir.File("services.json"),
            ContainerdSocket = ContainerdSocket,
            LogDirectory = _dir.File("logs"),
            WorkloadLogRoot = _dir.File("workload-logs"),
            TimelineFile = _dir.File("timeline"),
            Root = root,
            RemoteAddress = IPAddress.Loopback,
            RemotePortOverride = 0,
            RequestReboot = () => Interlocked.Increment(ref _rebootRequests),
            Restarter = Restarter,
            Time = _time,
        }, TestContext.Current.CancellationToken);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    private Uri RemoteAddress =>
        new(_app!.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single(a => a.StartsWith("https", StringComparison.Ordinal)));

    [Fact]
    public async Task Os_OverUnixSocket_ReadsReleaseSlotAndMachineId()
    {
        using var client = ApiClient.ForUnixSocket(Socket);
        var os = JsonSerializer.Deserialize(await client.GetStringAsync("/os", TestContext.Current.CancellationToken), ApiJsonContext.Default.OsInfo)!;

        os.PrettyName.ShouldBe("Hull 9.9.9");
        os.VersionId.ShouldBe("9.9.9");
        os.BuildId.ShouldBe("abc123");
        os.ActiveSlot.ShouldBe("B");
        os.SecureBoot.ShouldBe("unsupported");
        os.KernelRelease.ShouldBe("6.1.0-56-cloud-amd64");
        os.MachineId.ShouldBe(new string('1', 32));
        File.GetUnixFileMode(Socket).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task ServicesAndTimeline_OverUnixSocket_ComeFromInitsFiles()
    {
        using var client = ApiClient.ForUnixSocket(Socket);
        var services = JsonSerializer.Deserialize(await client.GetStringAsync("/services", TestContext.Current.CancellationToken), ApiJsonContext.Default.ListServiceStatus)!;
        services.Single().ShouldBe(new ServiceStatus("containerd", "ready", 7, 1, 1.5, 2.5, null));

        var timeline = JsonSerializer.Deserialize(await client.GetStringAsync("/boot-timeline", TestContext.Current.CancellationToken), ApiJsonContext.Default.ListTimelineEvent)!;
        timeline.ShouldBe([new TimelineEvent(0.5, "stage1.start"), new TimelineEvent(1.25, "init.start")]);
    }

    [Fact]
    public async Task ServiceLog_KnownService_GivesItsLastLines()
    {
        using var client = ApiClient.ForUnixSocket(Socket);

        var lines = (await client.GetStringAsync("/services/containerd/log?lines=3", TestContext.Current.CancellationToken)).Split('\n');
        var byDefault = (await client.GetStringAsync("/services/containerd/log", TestContext.Current.CancellationToken)).Split('\n');

        lines.ShouldBe(["line 298", "line 299", "line 300", ""]);
        byDefault.Length.ShouldBe(201);
        byDefault[0].ShouldBe("line 101");
    }

    [Fact]
    public async Task WorkloadLogs_EachReplicasLatestAttempt_PrefixedWithItsIndex()
    {
        using var client = ApiClient.ForUnixSocket(Socket);

        var logs = await client.GetStringAsync("/workloads/web/logs", TestContext.Current.CancellationToken);
        var last = await client.GetStringAsync("/workloads/web/logs?lines=1", TestContext.Current.CancellationToken);
        using var missing = await client.GetAsync("/workloads/nothing/logs", TestContext.Current.CancellationToken);

        logs.ShouldBe("[0] one\n[0] two\n[0] par\n[1] other replica\n");
        last.ShouldBe("[0] par\n[1] other replica\n");
        missing.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CtlLogsFollow_LinesWrittenLater_ArriveUntilStopped()
    {
        using var client = ApiClient.ForUnixSocket(Socket);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var error = new StringWriter();

        var following = CtlRunner.RunAsync(client, ["logs", "web", "--lines", "1", "-f"], synchronized, error, stop.Token);
        await WaitForAsync(() => output.ToString().Contains("[1] other replica", StringComparison.Ordinal));
        File.AppendAllText(_dir.File("workload-logs/web-1/app/0.log"), "2026-11-27T10:00:03.1Z stdout F later\n2026-11-27T10:00:03.2Z stdout P half");
        File.WriteAllText(_dir.File("workload-logs/web-0/app/2.log"), "2026-11-27T10:00:04.1Z stderr F next attempt\n");
        await WaitForAsync(() => output.ToString().Contains("[0] next attempt", StringComparison.Ordinal) && output.ToString().Contains("[1] later", StringComparison.Ordinal));
        await stop.CancelAsync();

        (await following).ShouldBe(0, error.ToString());
        output.ToString().ShouldStartWith("[0] par\n[1] other replica\n");
        output.ToString().ShouldNotContain("half");   // not a whole line yet
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        condition().ShouldBeTrue();
    }

    [Theory]
    [InlineData("/services/..%2Fservices/log", 404, "no service named '..")]
    [InlineData("/services/apiserver/log", 404, "no service named 'apiserver'")]
    [InlineData("/services/containerd/log?lines=0", 400, "lines: '0'")]
    [InlineData("/services/containerd/log?lines=x", 400, "lines: 'x'")]
    public async Task ServiceLog_UnknownServiceOrBadLines_IsRefusedNamingIt(string path, int status, string message)
    {
        using var client = ApiClient.ForUnixSocket(Socket);

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ApiJsonContext.Default.ApiError)!;
        error.Error.ShouldContain(message);
    }

    [Fact]
    public void Metrics_ProcessStatus_ResidentAndAnonymousMemoryOfPid1AndEachRunningService()
    {
        using var root = new TempDirectory();
        root.Write("proc/1/status", "Name:\thull\nVmRSS:\t    9000 kB\nRssAnon:\t    1200 kB\nRssFile:\t    7800 kB\n");
        root.Write("proc/42/status", "Name:\thull\nVmRSS:\t   48000 kB\nRssAnon:\t   30000 kB\n");

        var text = HostMetrics.Render(root.Path, [new ServiceStatus("workloads", "ready", 42, 0, null, null, null), new ServiceStatus("updater", "stopped", null, 0, null, null, null)]);

        text.ShouldContain("hull_process_resident_bytes{process=\"init\"} 9216000\n");
        text.ShouldContain("hull_process_resident_bytes{process=\"workloads\"} 49152000\n");
        text.ShouldContain("hull_process_resident_anon_bytes{process=\"init\"} 1228800\n");
        text.ShouldContain("hull_process_resident_anon_bytes{process=\"workloads\"} 30720000\n");
        text.ShouldNotContain("process=\"updater\"");
    }

    [Fact]
    public async Task Metrics_OverUnixSocket_IsPrometheusTextFromProcAndServices()
    {
        using var client = ApiClient.ForUnixSocket(Socket);
        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        text.ShouldContain("hull_memory_total_bytes 1024000\n");
        text.ShouldContain("hull_memory_used_bytes 409600\n");   // 1000 - 500 - 10 - 40 - 50 kB
        text.ShouldContain("hull_uptime_seconds 12.5\n");
        text.ShouldContain("hull_service_ready{service=\"containerd\"} 1\n");
        text.ShouldContain("hull_service_restarts_total{service=\"containerd\"} 1\n");
        text.ShouldContain("# TYPE hull_memory_used_bytes gauge\n");
        text.ShouldContain("hull_listening_sockets{protocol=\"tcp\"} 1\n");
        text.ShouldContain("hull_listening_sockets{protocol=\"unix\"} 0\n"); // no /proc/net/unix: none counted
    }

    [Fact]
    public async Task Remote_WithClientCertificateFromTheCa_IsServed()
    {
        using var client = ApiClient.ForRemote(RemoteAddress, _certs.Client(), _certs.Ca);
        using var response = await client.GetAsync("/os", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Remote_WithoutClientCertificate_IsRefused()
    {
        using var client = ApiClient.ForRemote(RemoteAddress, null, _certs.Ca);
        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("/os", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Remote_WithCertificateFromAnotherCa_IsRefused()
    {
        var stranger = new TestCertificates("stranger");
        using var client = ApiClient.ForRemote(RemoteAddress, stranger.Client(), _certs.Ca);
        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("/os", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Remote_ServerNotSignedByExpectedCa_IsRefusedByTheClient()
    {
        var stranger = new TestCertificates("stranger");
        using var client = ApiClient.ForRemote(RemoteAddress, _certs.Client(), stranger.Ca);
        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("/os", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ctl_Commands_GiveScriptableExitCodes()
    {
        using var client = ApiClient.ForUnixSocket(Socket);
        var output = new StringWriter();
        var error = new StringWriter();
        var ct = TestContext.Current.CancellationToken;

        (await CtlRunner.RunAsync(client, ["os"], output, error, ct)).ShouldBe(0);
        output.ToString().ShouldContain("slot B, Secure Boot unsupported");

        (await CtlRunner.RunAsync(client, ["raw", "/no-such-thing"], output, error, ct)).ShouldBe(1);
        error.ToString().ShouldContain("404");

        (await CtlRunner.RunAsync(client, ["reboot"], output, error, ct)).ShouldBe(0);
        _rebootRequests.ShouldBe(1);

        (await CtlRunner.RunAsync(client, ["frobnicate"], output, error, ct)).ShouldBe(2);

        using var nowhere = ApiClient.ForUnixSocket(_dir.File("absent.sock"));
        (await CtlRunner.RunAsync(nowhere, ["os"], output, error, ct)).ShouldBe(3);
        error.ToString().ShouldContain("cannot reach the API");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        _dir.Dispose();
    }
}
