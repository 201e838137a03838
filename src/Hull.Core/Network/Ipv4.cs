using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Hull.Network;

/// <summary>IPv4 prefix arithmetic on <see cref="IPAddress"/>.</summary>
internal static class Ipv4
{
    /// <summary>Throws unless <paramref name="address"/> is IPv4.</summary>
    public static void Require(IPAddress address, string parameterName)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address", parameterName);
        }
    }

    /// <summary>The address as a host-order number (10.0.2.15 is 0x0A00020F).</summary>
    public static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>The address for a host-order number.</summary>
    public static IPAddress FromUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>The netmask for a prefix length (24 gives 255.255.255.0).</summary>
    public static IPAddress Mask(int prefixLength) => FromUInt32(MaskBits(prefixLength));

    /// <summary>The prefix length of a contiguous netmask, or null if the mask has holes.</summary>
    public static int? PrefixLength(IPAddress mask)
    {
        var bits = ToUInt32(mask);
        var prefix = System.Numerics.BitOperations.LeadingZeroCount(~bits);
        return MaskBits(prefix) == bits ? prefix : null;
    }

    /// <summary>The network address: <paramref name="address"/> with its host bits cleared.</summary>
    public static IPAddress Network(IPAddress address, int prefixLength) =>
        FromUInt32(ToUInt32(address) & MaskBits(prefixLength));

    /// <summary>The directed broadcast address: every host bit set.</summary>
    public static IPAddress Broadcast(IPAddress address, int prefixLength) =>
        FromUInt32(ToUInt32(address) | ~MaskBits(prefixLength));

    /// <summary>Whether <paramref name="other"/> lies in <paramref name="address"/>/<paramref name="prefixLength"/>.</summary>
    public static bool SameSubnet(IPAddress address, int prefixLength, IPAddress other) =>
        ((ToUInt32(address) ^ ToUInt32(other)) & MaskBits(prefixLength)) == 0;

    private static uint MaskBits(int prefixLength) =>
        prefixLength <= 0 ? 0u : uint.MaxValue << (32 - Math.Min(prefixLength, 32));
}
