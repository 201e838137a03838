using System.Net.Sockets;
using System.Text.Json;
using Hull.Platform;

namespace Hull.Init;

/// <summary>The apiserver's side of PID 1's control socket: asks for restarts, and turns every failure to get an answer into a refusal that names the socket.</summary>
internal sealed class InitControlClient(string socketPath, TimeSpan? timeout = null) : Settings.IServiceRestarter
{
    private const int MaxReplyBytes = 65536;

    // Long enough for a service that ignores SIGTERM to be killed at the end of PID 1's grace period.
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromMinutes(1);

    /// <inheritdoc/>
    public async Task<InitReply> RestartAsync(IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            var request = JsonSerializer.Serialize(new InitRequest(services), InitJsonContext.Default.InitRequest);
            var line = await ControlSocketClient.ExchangeAsync(socketPath, request, MaxReplyBytes, deadline.Token).ConfigureAwait(false);
            return line is { Length: > 0 } && JsonSerializer.Deserialize(line, InitJsonContext.Default.InitReply) is { } reply
                ? reply
                : InitReply.Refused($"PID 1 gave no answer on {socketPath}");
        }
        catch (SocketException e)
        {
            return InitReply.Refused($"cannot reach PID 1 on {socketPath}: {e.Message}");
        }
        catch (JsonException e)
        {
            return InitReply.Refused($"PID 1's answer on {socketPath} is not JSON: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return InitReply.Refused($"no answer from PID 1 on {socketPath} within {_timeout.TotalSeconds:F0} s");
        }
    }
}
