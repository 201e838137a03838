using System.Net.Sockets;
using System.Text;

namespace Hull.Builder.Qemu;

/// <summary>The few QEMU Machine Protocol commands the tools need, over the instance's QMP socket (one JSON object per line).</summary>
internal static class QmpClient
{
    /// <summary>Presses the ACPI power button (system_powerdown); false when QEMU cannot be reached.</summary>
    public static async Task<bool> PowerDownAsync(string socketPath, CancellationToken cancellationToken)
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
            await ReadReturnAsync(reader, cancellationToken).ConfigureAwait(false);
            await writer.WriteLineAsync("""{"execute":"system_powerdown"}""").ConfigureAwait(false);
            return await ReadReturnAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    // Skips asynchronous events until the command's answer.
    private static async Task<bool> ReadReturnAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Contains("\"return\"", StringComparison.Ordinal))
            {
                return true;
            }

            if (line.Contains("\"error\"", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return false;
    }
}
