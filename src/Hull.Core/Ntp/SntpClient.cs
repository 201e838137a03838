using System.Net;
using System.Net.Sockets;

namespace Hull.Ntp;

/// <summary>
/// A Simple NTP client (RFC 4330): one request in client mode, one answer, offset and delay from
/// the four timestamps. Expected failures (no answer, a bad or unsynchronised answer) are values.
/// </summary>
internal static class SntpClient
{
    private const int PacketSize = 48;

    /// <summary>Asks <paramref name="server"/>; the sample, or why there is none.</summary>
    public static async Task<(SntpSample? Sample, string? Error)> QueryAsync(IPEndPoint server, string name, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var request = new byte[PacketSize];
        request[0] = (0 << 6) | (4 << 3) | 3;                 // LI 0, version 4, mode 3 (client)
        var t1 = time.GetUtcNow();
        NtpTimestamp.Write(request.AsSpan(40), t1);           // transmit timestamp, echoed as "originate"
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(server, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(request, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var answer = new byte[PacketSize * 2];
            var length = await socket.ReceiveAsync(answer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var t4 = time.GetUtcNow();
            return Decode(answer.AsSpan(0, length), request.AsSpan(40, 8), name, t1, t4);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{name}: no answer within {timeout.TotalSeconds:F1} s");
        }
        catch (SocketException e)
        {
            return (null, $"{name}: {e.Message}");
        }
    }

    internal static (SntpSample? Sample, string? Error) Decode(ReadOnlySpan<byte> answer, ReadOnlySpan<byte> originate, string name, DateTimeOffset t1, DateTimeOffset t4)
    {
        if (answer.Length < PacketSize)
        {
            return (null, $"{name}: answer of {answer.Length} bytes, expected {PacketSize}");
        }

        var leap = answer[0] >> 6;
        var mode = answer[0] & 7;
        var stratum = answer[1];
        if (mode != 4)
        {
            return (null, $"{name}: answer in mode {mode}, expected 4 (server)");
        }

        if (leap == 3 || stratum is 0 or > 15)
        {
            return (null, $"{name}: the server is not synchronised (leap {leap}, stratum {stratum})");
        }

        // The server must echo our transmit timestamp: otherwise the answer is not to our request.
        if (!answer.Slice(24, 8).SequenceEqual(originate))
        {
            return (null, $"{name}: the answer does not match the request");
        }

        var t2 = NtpTimestamp.Read(answer[32..]);             // receive timestamp
        var t3 = NtpTimestamp.Read(answer[40..]);             // transmit timestamp
        var offset = ((t2 - t1) + (t3 - t4)) / 2;
        var delay = (t4 - t1) - (t3 - t2);
        return (new SntpSample(name, offset, delay, stratum, t4), null);
    }
}
