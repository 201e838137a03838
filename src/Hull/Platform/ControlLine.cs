using System.Net.Sockets;
using System.Text;

namespace Hull.Platform;

/// <summary>The control sockets' framing (PID 1's, the updater's): one UTF-8 line each way.</summary>
internal static class ControlLine
{
    /// <summary>The text up to the first newline (or the end of the stream), or null when the peer sends more than <paramref name="maxBytes"/> first.</summary>
    public static async Task<string?> ReadAsync(Socket socket, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (newline >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, newline);
            }
        }

        return length > maxBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>Sends <paramref name="line"/> and a newline.</summary>
    public static async Task WriteAsync(Socket socket, string line, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }
}
