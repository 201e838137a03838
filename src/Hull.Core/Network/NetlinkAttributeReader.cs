using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Hull.Network;

/// <summary>Walks <c>rtattr</c> TLVs (RTA_OK / RTA_NEXT); stops at the first malformed one.</summary>
internal ref struct NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
{
    private ReadOnlySpan<byte> _remaining = attributes;

    /// <summary>Reads the next attribute. The type has NLA_F_NESTED / NLA_F_NET_BYTEORDER masked off.</summary>
    public bool TryRead(out ushort type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (_remaining.Length < Rtnl.AttributeHeaderLength)
        {
            return false;
        }

        var length = MemoryMarshal.Read<ushort>(_remaining);
        if (length < Rtnl.AttributeHeaderLength || length > _remaining.Length)
        {
            _remaining = default;
            return false;
        }

        type = (ushort)(MemoryMarshal.Read<ushort>(_remaining[2..]) & 0x3fff);
        value = _remaining[Rtnl.AttributeHeaderLength..length];
        _remaining = _remaining[Math.Min(Rtnl.Align(length), _remaining.Length)..];
        return true;
    }

    /// <summary>A NUL-terminated string payload.</summary>
    public static string ReadString(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? value : value[..end]);
    }

    /// <summary>A 32-bit payload in host byte order; 0 when too short.</summary>
    public static uint ReadUInt32(ReadOnlySpan<byte> value) =>
        value.Length >= 4 ? MemoryMarshal.Read<uint>(value) : 0;

    /// <summary>An IPv4 address payload; null when it is not 4 bytes.</summary>
    public static IPAddress? ReadIPv4(ReadOnlySpan<byte> value) =>
        value.Length == 4 ? new IPAddress(value) : null;
}
