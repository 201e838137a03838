using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Hull.Interop;

namespace Hull.Network;

/// <summary>
/// A small rtnetlink client (rtnetlink(7)): list links, addresses and routes; set a link up; add
/// addresses and routes. Every change is sent with NLM_F_ACK and waits for the kernel's answer, so a
/// refusal surfaces here as a <see cref="NetlinkException"/> naming the operation and interface.
/// The socket belongs to the network namespace of the thread that called <see cref="Open"/>.
/// Not thread-safe: one request at a time.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class Netlink : IDisposable
{
    private const int EEXIST = 17;
    private const int ETIMEDOUT = 110;

    // Dumps arrive in datagrams of up to 32 KiB (the kernel caps them near there); 64 KiB is enough.
    private readonly byte[] _receiveBuffer = new byte[64 * 1024];
    private readonly Socket _socket;
    private uint _sequence;

    private Netlink(Socket socket)
    {
        _socket = socket;
        _sequence = (uint)Environment.TickCount;
    }

    /// <summary>Opens a NETLINK_ROUTE socket in the calling thread's network namespace.</summary>
    public static Netlink Open(TimeSpan? replyTimeout = null)
    {
        // .NET's Socket cannot create AF_NETLINK sockets itself (EAFNOSUPPORT), but adopts one from libc.
        var fd = Libc.Check(
            Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE),
            "socket",
            "AF_NETLINK/NETLINK_ROUTE");
        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        Socket socket;
        try
        {
            socket = new Socket(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        socket.ReceiveTimeout = (int)(replyTimeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;
        TrySetOption(socket, Libc.NETLINK_CAP_ACK);
        TrySetOption(socket, Libc.NETLINK_EXT_ACK);
        return new Netlink(socket);
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    /// <summary>Sends a change request and waits for its ack. Returns false if the kernel said EEXIST and that was allowed.</summary>
    private bool Execute(NetlinkMessageBuilder request, uint sequence, string operation, string subject, bool existsIsSuccess)
    {
        Send(request, operation, subject);
        while (true)
        {
            var received = Receive(operation, subject);
            var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, received));
            while (reader.TryRead(out var header, out var payload))
            {
                if (header.Sequence != sequence || header.Type != Rtnl.NLMSG_ERROR)
                {
                    continue; // a late reply to an earlier request that timed out
                }

                var errno = ReadErrno(payload);
                if (errno == 0)
                {
                    return true;
                }

                if (errno == EEXIST && existsIsSuccess)
                {
                    return false;
                }

                throw new NetlinkException(operation, subject, errno, ReadExtendedAckMessage(header, payload));
            }
        }
    }

    /// <summary>Sends a NLM_F_DUMP request and collects what <paramref name="parse"/> makes of each reply.</summary>
    private List<T> Dump<T>(NetlinkMessageBuilder request, uint sequence, ushort replyType, string operation, Func<ReadOnlySpan<byte>, T?> parse)
        where T : class
    {
        Send(request, operation, "all");
        var results = new List<T>();
        while (true)
        {
            var received = Receive(operation, "all");
            var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, received));
            while (reader.TryRead(out var header, out var payload))
            {
                if (header.Sequence != sequence)
                {
                    continue;
                }

                switch (header.Type)
                {
                    case Rtnl.NLMSG_DONE:
                        return results;
                    case Rtnl.NLMSG_ERROR:
                        var errno = ReadErrno(payload);
                        throw new NetlinkException(operation, "all", errno == 0 ? 5 : errno, ReadExtendedAckMessage(header, payload));
                    default:
                        if (header.Type == replyType && parse(payload) is { } item)
                        {
                            results.Add(item);
                        }

                        break;
                }
            }
        }
    }

    private uint NextSequence() => ++_sequence;

    private void Send(NetlinkMessageBuilder request, string operation, string subject)
    {
        try
        {
            _socket.Send(request.ToArray());
        }
        catch (SocketException e)
        {
            throw new NetlinkException(operation, subject, e.NativeErrorCode, null);
        }
    }

    private int Receive(string operation, string subject)
    {
        try
        {
            return _socket.Receive(_receiveBuffer);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            throw new NetlinkException(operation, subject, ETIMEDOUT, "no reply from the kernel");
        }
    }

    /// <summary>struct nlmsgerr starts with the negated errno; 0 means "ack, no error".</summary>
    private static int ReadErrno(ReadOnlySpan<byte> payload) =>
        payload.Length >= 4 ? -MemoryMarshal.Read<int>(payload) : 5; // EIO for a reply too short to read

    /// <summary>
    /// With NETLINK_EXT_ACK the kernel appends TLVs after struct nlmsgerr; NLMSGERR_ATTR_MSG carries a
    /// reason such as "Nexthop has invalid gateway". With NLM_F_CAPPED the echoed request is only its header.
    /// </summary>
    private static string? ReadExtendedAckMessage(NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        if ((header.Flags & Rtnl.NLM_F_ACK_TLVS) == 0 || payload.Length < 4 + Rtnl.HeaderLength)
        {
            return null;
        }

        var offset = 4 + Rtnl.HeaderLength;
        if ((header.Flags & Rtnl.NLM_F_CAPPED) == 0)
        {
            offset = 4 + Rtnl.Align((int)MemoryMarshal.Read<uint>(payload[4..]));
        }

        if (offset > payload.Length)
        {
            return null;
        }

        var attributes = new NetlinkAttributeReader(payload[offset..]);
        while (attributes.TryRead(out var type, out var value))
        {
            if (type == Rtnl.NLMSGERR_ATTR_MSG)
            {
                return NetlinkAttributeReader.ReadString(value);
            }
        }

        return null;
    }

    private static void TrySetOption(Socket socket, int option)
    {
        try
        {
            socket.SetRawSocketOption(Libc.SOL_NETLINK, option, BitConverter.GetBytes(1));
        }
        catch (SocketException)
        {
            // Older kernels lack the option; errors are still reported, only less helpfully.
        }
    }
}
