using System.Net.WebSockets;
using Hull.Cri;
using Hull.Cri.V1;
using Hull.Exec;
using Hull.HostContainers;

namespace Hull.Api;

/// <summary>
/// GET /exec?target=NAME&amp;command=ARG&amp;command=ARG…[&amp;tty=true][&amp;stdin=true], a WebSocket with the
/// <see cref="ExecProtocol.SubProtocol"/> subprotocol: runs the command in host container NAME (CRI Exec) and relays
/// containerd's stream unchanged. Problems found after the upgrade (no such host container, not running, no command)
/// come back as a failure status on the stream, so the client shows them like any other outcome.
/// </summary>
internal static class ExecEndpoints
{
    public static void Map(WebApplication app, ApiServerOptions options)
    {
        app.MapGet("/exec", async (HttpContext context, CancellationToken ct) =>
        {
            if (!context.WebSockets.IsWebSocketRequest || !context.WebSockets.WebSocketRequestedProtocols.Contains(ExecProtocol.SubProtocol))
            {
                return Results.Json(new ApiError($"GET /exec is a WebSocket with the {ExecProtocol.SubProtocol} subprotocol (hull ctl exec speaks it)"), ApiJsonContext.Default.ApiError, statusCode: 400);
            }

            using var client = await context.WebSockets.AcceptWebSocketAsync(ExecProtocol.SubProtocol).ConfigureAwait(false);
            await RunAsync(client, context.Request.Query, options, ct).ConfigureAwait(false);
            return Results.Empty;
        });
    }

    private static async Task RunAsync(WebSocket client, IQueryCollection query, ApiServerOptions options, CancellationToken cancellationToken)
    {
        var target = query["target"].FirstOrDefault();
        string[] command = [.. query["command"].Where(c => c is not null).Select(c => c!)];
        var tty = query["tty"].FirstOrDefault() == "true";
        var stdin = query["stdin"].FirstOrDefault() == "true";
        if (string.IsNullOrEmpty(target) || command.Length == 0)
        {
            await FailAsync(client, "exec needs target=NAME (a host container) and at least one command=ARG", cancellationToken).ConfigureAwait(false);
            return;
        }

        using var cri = new CriClient(CriClientOptions.For(options.ContainerdSocket));
        Uri stream;
        try
        {
            var containers = await cri.ListContainersAsync(
                new ContainerFilter { LabelSelector = { [HostContainerPods.KindLabel] = HostContainerManager.Kind, [HostContainerPods.NameLabel] = target } },
                cancellationToken).ConfigureAwait(false);
            var running = containers.FirstOrDefault(c => c.State == ContainerState.ContainerRunning);
            if (running is null)
            {
                await FailAsync(client, $"host container '{target}' is not running (see GET /host-containers; enable it with settings.host-containers.{target}.enabled=true)", cancellationToken).ConfigureAwait(false);
                return;
            }

            stream = await cri.ExecAsync(running.Id, command, tty, stdin, cancellationToken).ConfigureAwait(false);
        }
        catch (CriException e)
        {
            await FailAsync(client, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var runtime = new ClientWebSocket();
        runtime.Options.AddSubProtocol(ExecProtocol.SubProtocol);
        try
        {
            await runtime.ConnectAsync(new UriBuilder(stream) { Scheme = stream.Scheme == "https" ? "wss" : "ws" }.Uri, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            await FailAsync(client, $"cannot reach containerd's streaming server at {stream.GetLeftPart(UriPartial.Authority)}: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        await ExecRelay.RunAsync(client, runtime, cancellationToken).ConfigureAwait(false);
    }

    private static async Task FailAsync(WebSocket client, string message, CancellationToken cancellationToken)
    {
        await client.SendAsync(ExecProtocol.Failure(message), WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
        await ExecRelay.CloseOutputAsync(client).ConfigureAwait(false);

        // Until the client has read it and closed too: returning earlier would drop the connection and the message.
        var buffer = new byte[256];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            while ((await client.ReceiveAsync(buffer, timeout.Token).ConfigureAwait(false)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away first; nothing more to tell it.
        }
    }
}
