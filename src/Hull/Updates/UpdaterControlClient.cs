using System.Net.Sockets;
using System.Text.Json;
using Hull.Platform;

namespace Hull.Updates;

/// <summary>The apiserver's side of the updater's control socket: sends a command, and turns every failure to get an answer into an error that names the socket.</summary>
internal sealed class UpdaterControlClient(string socketPath, TimeSpan? timeout = null)
{
    // Statuses carry a few lists of lines; a megabyte is far more than any real one.
    private const int MaxReplyBytes = 1 << 20;

    // Long enough for a prepare that writes a slot over a slow link; status and the renames answer at once.
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromMinutes(30);

    /// <summary>Runs <paramref name="command"/> (<c>status</c>, <c>refresh</c>, <c>prepare</c>, <c>activate</c>, <c>deactivate</c>, <c>rollback</c>) and returns the updater's reply.</summary>
    public async Task<UpdaterReply> SendAsync(string command, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            var request = JsonSerializer.Serialize(new UpdaterRequest(command), UpdaterJsonContext.Default.UpdaterRequest);
            var line = await ControlSocketClient.ExchangeAsync(socketPath, request, MaxReplyBytes, deadline.Token).ConfigureAwait(false);
            return line is { Length: > 0 } && JsonSerializer.Deserialize(line, UpdaterJsonContext.Default.UpdaterReply) is { } reply
                ? reply
                : Unavailable($"the updater gave no answer on {socketPath}");
        }
        catch (SocketException e)
        {
            return Unavailable($"cannot reach the updater on {socketPath}: {e.Message}");
        }
        catch (JsonException e)
        {
            return Unavailable($"the updater's answer on {socketPath} is not JSON: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable($"no answer from the updater on {socketPath} within {_timeout.TotalSeconds:F0} s");
        }
    }

    private static UpdaterReply Unavailable(string message) => new(null, new UpdateError(UpdateErrorKind.Unavailable, null, message));
}
