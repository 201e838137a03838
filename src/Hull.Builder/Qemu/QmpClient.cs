using System.Net.Sockets;
using System.Text;

namespace Hull.Builder.Qemu;

/// <summary>The few QEMU Machine Protocol commands the tools need, over the instance's QMP socket (one JSON object per line).</summary>
internal static class QmpClient
{
    /// <summary>Presses the ACPI power button (system_powerdown); false when QEMU cannot be reached.</summary>
    public static async Task<bool> PowerDownAsync(string socketPath, CancellationToken cancellationToken) =>
        await ExecuteAsync(socketPath, "system_powerdown", cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// The machine's run state as QEMU reports it (query-status: running, paused, io-error, guest-panicked,
    /// internal-error...), the whole answer line; null when QEMU cannot be reached.
    /// </summary>
    public static Task<string?> StatusAsync(string socketPath, CancellationToken cancellationToken) =>
        ExecuteAsync(socketPath, "query-status", cancellationToken);

    // Runs one argument-less command; its answer line, or null when QEMU cannot be reached or answers with an error.
    private static async Task<string?> ExecuteAsync(string socketPath, string command, CancellationToken cancellationToken)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
            await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);                     // greeting
            await writer.WriteLineAsync("""{"execute":"qmp_capabilities"}""").ConfigureAwait(false);
            if (await ReadReturnAsync(reader, cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }

            await writer.WriteLineAsync($$"""{"execute":"{{command}}"}""").ConfigureAwait(false);
            return await ReadReturnAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null;
        }
    }

    // Skips asynchronous events until the command's answer.
    private static async Task<string?> ReadReturnAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Contains("\"return\"", StringComparison.Ordinal))
            {
                return line;
            }

            if (line.Contains("\"error\"", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return null;
    }
}
