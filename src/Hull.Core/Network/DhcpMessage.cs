using System.Buffers.Binary;
using System.Net;

namespace Hull.Network;

/// <summary>
/// One DHCPv4 message (RFC 2131 §2, figure 1): the fixed 236-byte BOOTP header, the magic cookie
/// 99.130.83.99 at offset 236, then options. Encoding and decoding need no socket.
/// </summary>
internal sealed partial class DhcpMessage
{
    /// <summary>op: BOOTREQUEST, sent by clients.</summary>
    public const byte BootRequest = 1;

    /// <summary>op: BOOTREPLY, sent by servers.</summary>
    public const byte BootReply = 2;

    /// <summary>htype for Ethernet (RFC 1700, ARP hardware types).</summary>
    public const byte HardwareTypeEthernet = 1;

    /// <summary>The BROADCAST bit of <c>flags</c> (RFC 2131 §2, figure 2): "reply by broadcast, I have no address yet".</summary>
    public const ushort BroadcastFlag = 0x8000;

    public const int ServerPort = 67;
    public const int ClientPort = 68;

    internal const int TransactionIdOffset = 4;
    internal const int SecondsOffset = 8;
    internal const int FlagsOffset = 10;
    internal const int ClientAddressOffset = 12;
    internal const int YourAddressOffset = 16;
    internal const int ServerAddressOffset = 20;
    internal const int RelayAddressOffset = 24;
    internal const int HardwareAddressOffset = 28;
    internal const int ServerNameOffset = 44;   // sname, 64 bytes
    internal const int FileOffset = 108;        // file, 128 bytes
    internal const int MagicCookieOffset = 236;
    internal const int OptionsOffset = 240;

    /// <summary>
    /// BOOTP relays may drop anything shorter than the 300 bytes of an RFC 951 message, so requests
    /// are padded to at least this (RFC 1542 §2.1).
    /// </summary>
    internal const int MinimumEncodedLength = 300;

    /// <summary>The magic cookie, 99.130.83.99 (RFC 2131 §3, RFC 2132 §2).</summary>
    public static ReadOnlySpan<byte> MagicCookie => [99, 130, 83, 99];

    /// <summary>op: <see cref="BootRequest"/> or <see cref="BootReply"/>.</summary>
    public byte Operation { get; init; } = BootRequest;

    /// <summary>htype.</summary>
    public byte HardwareType { get; init; } = HardwareTypeEthernet;

    /// <summary>hops, set by relays.</summary>
    public byte Hops { get; init; }

    /// <summary>xid, chosen by the client and echoed by the server.</summary>
    public uint TransactionId { get; init; }

    /// <summary>secs: seconds since the client began acquiring or renewing.</summary>
    public ushort Seconds { get; init; }

    /// <summary>flags (only the BROADCAST bit is defined).</summary>
    public ushort Flags { get; init; }

    /// <summary>ciaddr: the client's address, only when it already has one (renewing).</summary>
    public IPAddress ClientAddress { get; init; } = IPAddress.Any;

    /// <summary>yiaddr: the address the server offers or assigns.</summary>
    public IPAddress YourAddress { get; init; } = IPAddress.Any;

    /// <summary>siaddr: the next server (for boot files), not necessarily the DHCP server.</summary>
    public IPAddress ServerAddress { get; init; } = IPAddress.Any;

    /// <summary>giaddr: the relay agent's address.</summary>
    public IPAddress RelayAddress { get; init; } = IPAddress.Any;

    /// <summary>chaddr: the client's hardware address (hlen bytes of the 16-byte field).</summary>
    public byte[] ClientHardwareAddress { get; init; } = [];

    /// <summary>The options, without pad and end.</summary>
    public DhcpOptions Options { get; init; } = new();

    /// <summary>Option 53.</summary>
    public DhcpMessageType? MessageType => Options.MessageType;

    /// <summary>Whether the BROADCAST flag is set.</summary>
    public bool IsBroadcast => (Flags & BroadcastFlag) != 0;

    /// <summary>The wire form: header, cookie, options, end, zero padding up to 300 bytes.</summary>
    public byte[] Encode()
    {
        if (ClientHardwareAddress.Length > 16)
        {
            throw new InvalidOperationException($"chaddr holds at most 16 bytes, got {ClientHardwareAddress.Length}");
        }

        var optionsLength = 1; // End
        foreach (var (_, value) in Options.Entries)
        {
            // Values over 255 bytes go out as several instances of the option (RFC 3396).
            optionsLength += Math.Max(1, (value.Length + 254) / 255) * 2 + value.Length;
        }

        var bytes = new byte[Math.Max(MinimumEncodedLength, OptionsOffset + optionsLength)];
        var span = bytes.AsSpan();
        span[0] = Operation;
        span[1] = HardwareType;
        span[2] = (byte)ClientHardwareAddress.Length;
        span[3] = Hops;
        BinaryPrimitives.WriteUInt32BigEndian(span[TransactionIdOffset..], TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(span[SecondsOffset..], Seconds);
        BinaryPrimitives.WriteUInt16BigEndian(span[FlagsOffset..], Flags);
        WriteAddress(span[ClientAddressOffset..], ClientAddress);
        WriteAddress(span[YourAddressOffset..], YourAddress);
        WriteAddress(span[ServerAddressOffset..], ServerAddress);
        WriteAddress(span[RelayAddressOffset..], RelayAddress);
        ClientHardwareAddress.CopyTo(span[HardwareAddressOffset..]);
        MagicCookie.CopyTo(span[MagicCookieOffset..]);

        var offset = OptionsOffset;
        foreach (var (code, value) in Options.Entries)
        {
            var rest = value.AsSpan();
            do
            {
                var chunk = rest[..Math.Min(255, rest.Length)];
                span[offset++] = (byte)code;
                span[offset++] = (byte)chunk.Length;
                chunk.CopyTo(span[offset..]);
                offset += chunk.Length;
                rest = rest[chunk.Length..];
            }
            while (!rest.IsEmpty);
        }

        span[offset] = (byte)DhcpOptionCode.End;
        return bytes;
    }

    private static void WriteAddress(Span<byte> destination, IPAddress address)
    {
        Ipv4.Require(address, nameof(address));
        address.TryWriteBytes(destination, out _);
    }
}
