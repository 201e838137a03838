using System.Net;
using System.Net.Sockets;
using Hull.Workloads;

namespace Hull.Tests.Workloads;

public sealed class HealthProberTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReplicaState Replica() => new("web", 0, "h", "pod", "127.0.0.1", "c1", ContainerPhase.Running, null, 0, null);

    private static HealthCheck Check(string type, int port, string path = "/") =>
        new(type, ["/bin/true"], path, port, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), 3, TimeSpan.Zero);

    [Theory]
    [InlineData("/ok", null)]
    [InlineData("/missing", "GET /missing on port {0} answered 404")]
    public async Task Probe_Http_PassesOn2xxAndNamesTheStatusOtherwise(string path, string? expected)
    {
        using var listener = new HttpListener();
        var port = LoopbackPort.Free();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = context.Request.Url!.AbsolutePath == "/ok" ? 200 : 404;
            context.Response.Close();
        }, Ct);
        using var prober = new HealthProber(new FakeWorkloadRuntime());

        var failure = await prober.ProbeAsync(Check("http", port, path), Replica(), Ct);
        await serving;

        failure.ShouldBe(expected is null ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, port));
    }

    [Fact]
    public async Task Probe_Tcp_PassesWhenSomethingListensAndFailsWhenNothingDoes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var prober = new HealthProber(new FakeWorkloadRuntime());

        (await prober.ProbeAsync(Check("tcp", open), Replica(), Ct)).ShouldBeNull();
        (await prober.ProbeAsync(Check("tcp", LoopbackPort.Free()), Replica(), Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Probe_Exec_FailsWithTheExitCode()
    {
        using var prober = new HealthProber(new FakeWorkloadRuntime { ExecExitCode = 7 });

        (await prober.ProbeAsync(Check("exec", 0), Replica(), Ct)).ShouldBe("/bin/true exited with 7");
    }
}
