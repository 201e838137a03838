using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hull.Api;
using Hull.Init;

namespace Hull.Tests.Init;

/// <summary>PID 1's control socket: the real listener on a temporary socket, a real supervisor of /bin/sleep, the apiserver's own client.</summary>
public sealed class InitControlServerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationTokenSource _stop = new();
    private Supervisor? _supervisor;
    private Task? _running;
    private InitControlServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // What the server tells PID 1's console.
    private readonly StringWriter _consoleText = new();

    private string Socket => _dir.File("init.sock");

    private string Status => _dir.File("services.json");

    public async ValueTask InitializeAsync()
    {
        _supervisor = new Supervisor(
        [
            new ServiceDefinition(Services.ApiServer, "/bin/sleep", ["60"], () => true, []),
            new ServiceDefinition("containerd", "/bin/sleep", ["60"], () => true, []),
        ], Status, _dir.File("logs"), TextWriter.Null);
        _running = _supervisor.RunAsync(_stop.Token);
        _server = InitControlServer.Start(Socket, _supervisor, TextWriter.Synchronized(_consoleText));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!(_supervisor.IsReady("containerd") && _supervisor.IsReady(Services.ApiServer)))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the services did not start");
            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server?.Dispose();
        await _stop.CancelAsync();
        await _running!;
        _stop.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Restart_KnownService_AnsweredOnceStoppedAndStartedAgain()
    {
        var before = Pid("containerd");

        var reply = await new InitControlClient(Socket).RestartAsync(["containerd"], Ct);

        reply.Error.ShouldBeNull();
        reply.Restarted.ShouldBe(["containerd"]);
        await Eventually(() => Read().Single(s => s.Name == "containerd") is { State: "ready", Pid: { } pid } && pid != before);
        Read().Single(s => s.Name == "containerd").Restarts.ShouldBe(1);
        File.GetUnixFileMode(Socket).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Restart_Apiserver_RefusedAndLeftRunning()
    {
        var before = Pid(Services.ApiServer);

        var reply = await new InitControlClient(Socket).RestartAsync([Services.ApiServer, "containerd"], Ct);

        reply.Restarted.ShouldBeNull();
        reply.Error.ShouldBe("apiserver is not restarted on request: the request comes through it, and its answer would be lost");
        Pid(Services.ApiServer).ShouldBe(before);
        Read().ShouldAllBe(s => s.Restarts == 0);
    }

    [Fact]
    public async Task Restart_UnknownService_RefusalNamesIt()
    {
        var reply = await new InitControlClient(Socket).RestartAsync(["containred"], Ct);

        reply.Error.ShouldBe("no such service: containred (the services are apiserver, containerd)");
    }

    [Theory]
    [InlineData("hello", "the request is not a JSON object such as {\"restart\": [\"containerd\"]}: ")]
    [InlineData("{\"restart\": \"containerd\"}", "the request is not a JSON object such as {\"restart\": [\"containerd\"]}: ")]
    [InlineData("{}", "the request names no service to restart")]
    [InlineData("{\"restart\": [null]}", "the request names no service to restart")]
    [InlineData("[1, 2]", "the request is not a JSON object such as {\"restart\": [\"containerd\"]}: ")]
    public async Task Request_Malformed_AnsweredWithWhyAndTheServerGoesOn(string line, string error)
    {
        (await SendRawAsync(Encoding.UTF8.GetBytes(line + "\n"))).Error!.ShouldStartWith(error);

        (await new InitControlClient(Socket).RestartAsync(["containerd"], Ct)).Restarted.ShouldBe(["containerd"]);
    }

    [Fact]
    public async Task Request_TooLong_RefusedAndTheServerGoesOn()
    {
        (await SendRawAsync(Encoding.UTF8.GetBytes(new string('x', 10_000) + "\n"))).Error.ShouldBe("the request is longer than 4096 bytes");

        (await new InitControlClient(Socket).RestartAsync(["containerd"], Ct)).Restarted.ShouldBe(["containerd"]);
    }

    [Fact]
    public async Task Request_ClientLeavesWithoutOne_TheServerGoesOnAndCallsItNoError()
    {
        // As a readiness probe does: connect, close.
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket), Ct);
        }

        (await new InitControlClient(Socket).RestartAsync(["containerd"], Ct)).Restarted.ShouldBe(["containerd"]);
        _consoleText.ToString().ShouldNotContain("refused");
    }

    [Fact]
    public async Task Client_NoServer_RefusalNamesTheSocket()
    {
        var missing = _dir.File("missing.sock");

        var reply = await new InitControlClient(missing).RestartAsync(["containerd"], Ct);

        reply.Restarted.ShouldBeNull();
        reply.Error!.ShouldStartWith($"cannot reach PID 1 on {missing}: ");
    }

    private async Task<InitReply> SendRawAsync(byte[] request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket), Ct);
        await socket.SendAsync(request, SocketFlags.None, Ct);
        using var reader = new StreamReader(new NetworkStream(socket));
        return JsonSerializer.Deserialize(await reader.ReadLineAsync(Ct) ?? "", InitJsonContext.Default.InitReply)!;
    }

    private int? Pid(string name) => Read().Single(s => s.Name == name).Pid;

    private List<ServiceStatus> Read() => JsonSerializer.Deserialize(File.ReadAllText(Status), ApiJsonContext.Default.ListServiceStatus)!;

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "condition not met in time");
            await Task.Delay(50, Ct);
        }
    }
}
