using System.Text.Json;
using Hull.Platform;

namespace Hull.Updates;

/// <summary>
/// The updater's control socket (<see cref="UpdaterService.SocketPath"/>), a root-only <see cref="ControlSocketServer"/>:
/// one <see cref="UpdaterRequest"/> line in, one <see cref="UpdaterReply"/> line out once the command is done (a
/// prepare answers when the slot is written). A second command while one runs is refused at once (Busy);
/// <c>status</c> always answers.
/// </summary>
internal sealed class UpdaterControlServer : IDisposable
{
    private const int MaxRequestBytes = 4096;

    private readonly UpdateAgent _agent;
    private ControlSocketServer? _server;

    private UpdaterControlServer(UpdateAgent agent)
    {
        _agent = agent;
    }

    /// <summary>Listens on <paramref name="path"/> (a stale socket there is replaced) and serves <paramref name="agent"/> until disposed.</summary>
    public static UpdaterControlServer Start(string path, UpdateAgent agent, TextWriter console)
    {
        var server = new UpdaterControlServer(agent);
        server._server = ControlSocketServer.Start(path, "updater", MaxRequestBytes, server.HandleAsync, server.Refuse, console);
        return server;
    }

    /// <summary>Stops listening (a command under way is cancelled with the service) and removes the socket.</summary>
    public void Dispose() => _server?.Dispose();

    private ControlReply Refuse(string error) => Reply(new UpdaterReply(_agent.Status(), new UpdateError(UpdateErrorKind.BadRequest, null, error)));

    private static ControlReply Reply(UpdaterReply reply) => new(JsonSerializer.Serialize(reply, UpdaterJsonContext.Default.UpdaterReply), reply.Error?.Message);

    private async Task<ControlReply> HandleAsync(string line, CancellationToken stopping)
    {
        UpdaterRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line, UpdaterJsonContext.Default.UpdaterRequest);
        }
        catch (JsonException e)
        {
            return Refuse($"the request is not a JSON object such as {{\"command\": \"status\"}}: {e.Message}");
        }

        return request?.Command is not { Length: > 0 } command
            ? Refuse("the request names no command; send one line such as {\"command\": \"status\"}")
            : Reply(await _agent.RunAsync(command, stopping).ConfigureAwait(false));
    }
}
