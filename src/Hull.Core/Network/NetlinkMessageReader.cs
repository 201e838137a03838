using System.Runtime.InteropServices;

namespace Hull.Network;

/// <summary>
/// Walks the netlink messages in one datagram (NLMSG_OK / NLMSG_NEXT). A message whose length
/// is shorter than its header or runs past the datagram ends the walk: the rest cannot be trusted.
/// </summary>
internal ref struct NetlinkMessageReader(ReadOnlySpan<byte> datagram)
{
    private ReadOnlySpan<byte> _remaining = datagram;

    /// <summary>Reads the next message; false when the datagram is used up or malformed.</summary>
    public bool TryRead(out NetlinkHeader header, out ReadOnlySpan<byte> payload)
    {
        header = default;
        payload = default;
        if (_remaining.Length < Rtnl.HeaderLength)
        {
            return false;
        }

        var length = MemoryMarshal.Read<uint>(_remaining);
        if (length < Rtnl.HeaderLength || length > _remaining.Length)
        {
            _remaining = default;
            return false;
        }

        header = new NetlinkHeader(
            (int)length,
            MemoryMarshal.Read<ushort>(_remaining[4..]),
            MemoryMarshal.Read<ushort>(_remaining[6..]),
            MemoryMarshal.Read<uint>(_remaining[8..]),
            MemoryMarshal.Read<uint>(_remaining[12..]));
        payload = _remaining[Rtnl.HeaderLength..(int)length];
        var next = Math.Min(Rtnl.Align((int)length), _remaining.Length);
        _remaining = _remaining[next..];
        return true;
    }
}
