using System.Buffers;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Hull.Network;

/// <summary>
/// Builds one netlink request: <c>nlmsghdr</c>, the family header (ifinfomsg, ifaddrmsg, rtmsg), then
/// <c>rtattr</c> TLVs, each padded to RTA_ALIGN. Integers are in host byte order, as the kernel expects;
/// addresses are in network byte order, as they are on the wire.
/// </summary>
internal sealed class NetlinkMessageBuilder
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    /// <summary>Starts a message; the length field is filled in by <see cref="ToArray"/>.</summary>
    public NetlinkMessageBuilder(ushort type, ushort flags, uint sequence)
    {
        WriteUInt32(0);
        WriteUInt16(type);
        WriteUInt16(flags);
        WriteUInt32(sequence);
        WriteUInt32(0); // nlmsg_pid: 0 addresses the kernel
    }

    /// <summary>Appends <c>struct ifinfomsg</c>.</summary>
    public NetlinkMessageBuilder IfInfo(byte family, int index, uint flags, uint change)
    {
        WriteByte(family);
        WriteByte(0); // __ifi_pad
        WriteUInt16(0); // ifi_type (ARPHRD_*), ignored on requests
        WriteInt32(index);
        WriteUInt32(flags);
        WriteUInt32(change);
        return this;
    }

    /// <summary>Appends <c>struct ifaddrmsg</c>.</summary>
    public NetlinkMessageBuilder IfAddr(byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        WriteByte(family);
        WriteByte(prefixLength);
        WriteByte(flags);
        WriteByte(scope);
        WriteInt32(index);
        return this;
    }

    /// <summary>Appends <c>struct rtmsg</c>.</summary>
    public NetlinkMessageBuilder Route(byte family, byte destinationLength, byte table, byte protocol, byte scope, byte type)
    {
        WriteByte(family);
        WriteByte(destinationLength);
        WriteByte(0); // rtm_src_len
        WriteByte(0); // rtm_tos
        WriteByte(table);
        WriteByte(protocol);
        WriteByte(scope);
        WriteByte(type);
        WriteUInt32(0); // rtm_flags
        return this;
    }

    /// <summary>Appends an attribute with a raw payload, padded to 4 bytes.</summary>
    public NetlinkMessageBuilder Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        // rta_len covers header + payload but not the trailing padding.
        WriteUInt16(checked((ushort)(Rtnl.AttributeHeaderLength + value.Length)));
        WriteUInt16(type);
        _buffer.Write(value);
        Pad();
        return this;
    }

    /// <summary>Appends a 32-bit attribute in host byte order.</summary>
    public NetlinkMessageBuilder Attribute(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        MemoryMarshal.Write(bytes, in value);
        return Attribute(type, bytes);
    }

    /// <summary>Appends an address attribute (network byte order).</summary>
    public NetlinkMessageBuilder Attribute(ushort type, IPAddress address) => Attribute(type, address.GetAddressBytes());

    /// <summary>Appends a NUL-terminated string attribute (IFLA_IFNAME and friends).</summary>
    public NetlinkMessageBuilder Attribute(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Attribute(type, bytes);
    }

    /// <summary>The finished message with nlmsg_len set.</summary>
    public byte[] ToArray()
    {
        var bytes = _buffer.WrittenSpan.ToArray();
        var length = (uint)bytes.Length;
        MemoryMarshal.Write(bytes, in length);
        return bytes;
    }

    private void Pad()
    {
        var padding = Rtnl.Align(_buffer.WrittenCount) - _buffer.WrittenCount;
        _buffer.GetSpan(padding)[..padding].Clear();
        _buffer.Advance(padding);
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void WriteUInt16(ushort value)
    {
        MemoryMarshal.Write(_buffer.GetSpan(2), in value);
        _buffer.Advance(2);
    }

    private void WriteUInt32(uint value)
    {
        MemoryMarshal.Write(_buffer.GetSpan(4), in value);
        _buffer.Advance(4);
    }

    private void WriteInt32(int value)
    {
        MemoryMarshal.Write(_buffer.GetSpan(4), in value);
        _buffer.Advance(4);
    }
}
