using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Hull.Network;

internal sealed partial class DhcpMessage
{
    /// <summary>
    /// Decodes a datagram. Anything can arrive on port 68, so a malformed message is an expected
    /// outcome: false, with <paramref name="error"/> saying what is wrong and where.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out DhcpMessage? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        if (datagram.Length < OptionsOffset)
        {
            error = $"DHCP message truncated: {datagram.Length} bytes, but the BOOTP header and magic cookie need {OptionsOffset}";
            return false;
        }

        if (!datagram.Slice(MagicCookieOffset, 4).SequenceEqual(MagicCookie))
        {
            error = $"not a DHCP message: magic cookie at offset {MagicCookieOffset} is {new IPAddress(datagram.Slice(MagicCookieOffset, 4))}, expected 99.130.83.99";
            return false;
        }

        var hardwareLength = datagram[2];
        if (hardwareLength > 16)
        {
            error = $"DHCP message has hlen {hardwareLength}, but chaddr holds at most 16 bytes";
            return false;
        }

        var options = new DhcpOptions();
        if (!TryReadOptions(datagram[OptionsOffset..], OptionsOffset, options, out error))
        {
            return false;
        }

        // Option 52 (RFC 2132 §9.3): 1 = file holds options, 2 = sname does, 3 = both. RFC 2131 §4.1
        // orders them: the options field first, then file, then sname.
        var overload = options.Get(DhcpOptionCode.OptionOverload) is [var value] ? value : 0;
        if ((overload & 1) != 0 && !TryReadOptions(datagram.Slice(FileOffset, 128), FileOffset, options, out error))
        {
            return false;
        }

        if ((overload & 2) != 0 && !TryReadOptions(datagram.Slice(ServerNameOffset, 64), ServerNameOffset, options, out error))
        {
            return false;
        }

        message = new DhcpMessage
        {
            Operation = datagram[0],
            HardwareType = datagram[1],
            Hops = datagram[3],
            TransactionId = BinaryPrimitives.ReadUInt32BigEndian(datagram[TransactionIdOffset..]),
            Seconds = BinaryPrimitives.ReadUInt16BigEndian(datagram[SecondsOffset..]),
            Flags = BinaryPrimitives.ReadUInt16BigEndian(datagram[FlagsOffset..]),
            ClientAddress = new IPAddress(datagram.Slice(ClientAddressOffset, 4)),
            YourAddress = new IPAddress(datagram.Slice(YourAddressOffset, 4)),
            ServerAddress = new IPAddress(datagram.Slice(ServerAddressOffset, 4)),
            RelayAddress = new IPAddress(datagram.Slice(RelayAddressOffset, 4)),
            ClientHardwareAddress = datagram.Slice(HardwareAddressOffset, hardwareLength).ToArray(),
            Options = options,
        };
        return true;
    }

    /// <summary>Reads code/length/value triples up to End; Pad (0) is a single byte with no length.</summary>
    private static bool TryReadOptions(ReadOnlySpan<byte> area, int areaOffset, DhcpOptions options, [NotNullWhen(false)] out string? error)
    {
        var offset = 0;
        while (offset < area.Length)
        {
            var code = (DhcpOptionCode)area[offset];
            if (code == DhcpOptionCode.End)
            {
                break;
            }

            if (code == DhcpOptionCode.Pad)
            {
                offset++;
                continue;
            }

            if (offset + 1 >= area.Length || offset + 2 + area[offset + 1] > area.Length)
            {
                error = $"DHCP option {(byte)code} at offset {areaOffset + offset} runs past the end of the message (truncated)";
                return false;
            }

            var length = area[offset + 1];
            options.Append(code, area.Slice(offset + 2, length));
            offset += 2 + length;
        }

        // A missing End at the very end of the datagram is tolerated: nothing was cut off mid-option.
        error = null;
        return true;
    }
}
