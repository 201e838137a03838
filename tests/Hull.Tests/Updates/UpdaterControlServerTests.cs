using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hull.Updates;

namespace Hull.Tests.Updates;

/// <summary>The updater's control socket: the real listener on a temp socket, the apiserver's client, an agent on a test repository.</summary>
public sealed class UpdaterControlServerTests : IDisposable
{
    private readonly UpdateRepository _repo = new();
    private readonly UpdateAgent _agent;
    private readonly UpdaterControlServer _server;

    public UpdaterControlServerTests()
    {
        _repo.Publish("2.0.0");
        _agent = _repo.Agent();
        _server = UpdaterControlServer.Start(Socket, _agent, TextWriter.Null);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Socket => Path.Combine(_repo.StateDir, "updater.sock");

    public void Dispose()
    {
        _server.Dispose();
        _agent.Dispose();
        _repo.Dispose();
    }

    [Fact]
    public async Task Commands_RefreshPrepareActivate_EachRepliesWithTheStatusAfterIt()
    {
        var client = new UpdaterControlClient(Socket);

        (await client.SendAsync("status", Ct)).Status!.UpdateState.ShouldBe("Idle");
        (await client.SendAsync("refresh", Ct)).Status!.UpdateState.ShouldBe("Available");
        (await client.SendAsync("prepare", Ct)).Status!.UpdateState.ShouldBe("Staged");
        var activated = await client.SendAsync("activate", Ct);

        activated.Error.ShouldBeNull();
        activated.Status!.UpdateState.ShouldBe("Ready");
        activated.Status.ChosenUpdate!.Version.ShouldBe("2.0.0");
        File.GetUnixFileMode(Socket).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Reply_StatusLine_HasBottlerocketsFieldsAndHulls()
    {
        var line = await RawAsync("{\"command\":\"status\"}\n");

        var status = JsonDocument.Parse(line).RootElement.GetProperty("status");
        status.EnumerateObject().Select(p => p.Name).ShouldBe([
            "update_state", "available_updates", "chosen_update", "active_partition", "staging_partition", "most_recent_command",
            "not_chosen", "interrupted", "last_refresh", "last_boot_assessment"]);
        status.GetProperty("active_partition").GetProperty("image").GetProperty("version").GetString().ShouldBe("1.0.0");
    }

    [Theory]
    [InlineData("hello", "the request is not a JSON object such as {\"command\": \"status\"}: ")]
    [InlineData("{}", "the request names no command")]
    [InlineData("{\"command\":\"reboot\"}", "unknown command 'reboot'; the commands are status, refresh, prepare, activate, deactivate, rollback")]
    public async Task Request_Malformed_AnsweredWithWhyAndTheStatus(string request, string error)
    {
        var reply = JsonSerializer.Deserialize(await RawAsync(request + "\n"), UpdaterJsonContext.Default.UpdaterReply)!;

        reply.Error!.Kind.ShouldBe(UpdateErrorKind.BadRequest);
        reply.Error.Message.ShouldStartWith(error);
        reply.Status.ShouldNotBeNull();
    }

    [Fact]
    public async Task Client_NoServer_UnavailableNamingTheSocket()
    {
        var missing = Path.Combine(_repo.StateDir, "missing.sock");

        var reply = await new UpdaterControlClient(missing).SendAsync("status", Ct);

        reply.Status.ShouldBeNull();
        reply.Error!.Kind.ShouldBe(UpdateErrorKind.Unavailable);
        reply.Error.Message.ShouldStartWith($"cannot reach the updater on {missing}: ");
    }

    private async Task<string> RawAsync(string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket), Ct);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), SocketFlags.None, Ct);
        using var reader = new StreamReader(new NetworkStream(socket));
        return await reader.ReadLineAsync(Ct) ?? "";
    }
}
