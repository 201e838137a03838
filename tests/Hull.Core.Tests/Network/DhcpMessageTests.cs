using System.Buffers.Binary;
using System.Net;
using CsCheck;
using Hull.Network;

namespace Hull.Core.Tests.Network;

public sealed class DhcpMessageTests
{
    private static readonly byte[] Mac = [0x02, 0x48, 0x55, 0x4c, 0x4c, 0x01];

    [Fact]
    public void Encode_Discover_PlacesFieldsAtRfc2131Offsets()
    {
        var message = new DhcpMessage
        {
            TransactionId = 0x12345678,
            Seconds = 3,
            Flags = DhcpMessage.BroadcastFlag,
            ClientHardwareAddress = Mac,
        };
        message.Options.Set(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Discover);

        var bytes = message.Encode();

        bytes.Length.ShouldBe(300); // padded to the BOOTP minimum
        bytes[0].ShouldBe((byte)1);   // op BOOTREQUEST
        bytes[1].ShouldBe((byte)1);   // htype Ethernet
        bytes[2].ShouldBe((byte)6);   // hlen
        bytes[4..8].ShouldBe(new byte[] { 0x12, 0x34, 0x56, 0x78 });
        bytes[8..10].ShouldBe(new byte[] { 0, 3 });
        bytes[10..12].ShouldBe(new byte[] { 0x80, 0x00 });
        bytes[12..28].ShouldAllBe(b => b == 0); // ciaddr, yiaddr, siaddr, giaddr
        bytes[28..34].ShouldBe(Mac);
        bytes[34..44].ShouldAllBe(b => b == 0);
        bytes[236..240].ShouldBe(new byte[] { 99, 130, 83, 99 });
        bytes[240..244].ShouldBe(new byte[] { 53, 1, 1, 255 });
    }

    [Fact]
    public void Encode_ThenDecode_RoundTripsHeaderAndOptions()
    {
        var message = new DhcpMessage
        {
            Operation = DhcpMessage.BootReply,
            TransactionId = 0xdeadbeef,
            Flags = DhcpMessage.BroadcastFlag,
            YourAddress = IPAddress.Parse("10.0.2.15"),
            ServerAddress = IPAddress.Parse("10.0.2.2"),
            ClientHardwareAddress = Mac,
        };
        message.Options
            .Set(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Offer)
            .Set(DhcpOptionCode.SubnetMask, IPAddress.Parse("255.255.255.0"))
            .Set(DhcpOptionCode.LeaseTime, 86400u)
            .Set(DhcpOptionCode.DomainNameServer, [10, 0, 2, 3, 1, 1, 1, 1])
            .Set(DhcpOptionCode.DomainName, "example.internal"u8);

        DhcpMessage.TryDecode(message.Encode(), out var decoded, out var error).ShouldBeTrue(error);

        decoded.Operation.ShouldBe(DhcpMessage.BootReply);
        decoded.TransactionId.ShouldBe(0xdeadbeefu);
        decoded.IsBroadcast.ShouldBeTrue();
        decoded.YourAddress.ShouldBe(IPAddress.Parse("10.0.2.15"));
        decoded.ServerAddress.ShouldBe(IPAddress.Parse("10.0.2.2"));
        decoded.ClientHardwareAddress.ShouldBe(Mac);
        decoded.MessageType.ShouldBe(DhcpMessageType.Offer);
        decoded.Options.GetAddress(DhcpOptionCode.SubnetMask).ShouldBe(IPAddress.Parse("255.255.255.0"));
        decoded.Options.GetUInt32(DhcpOptionCode.LeaseTime).ShouldBe(86400u);
        decoded.Options.GetAddresses(DhcpOptionCode.DomainNameServer).ShouldBe([IPAddress.Parse("10.0.2.3"), IPAddress.Parse("1.1.1.1")]);
        decoded.Options.GetString(DhcpOptionCode.DomainName).ShouldBe("example.internal");
    }

    [Fact]
    public void TryDecode_PadBeforeOptionsAndGarbageAfterEnd_SkipsPadAndStopsAtEnd()
    {
        var bytes = Header();
        bytes.AddRange([0, 0, 53, 1, 5, 0, 51, 4, 0, 0, 0x0e, 0x10, 255, 6, 200]); // option 6 after End is ignored

        DhcpMessage.TryDecode(bytes.ToArray(), out var message, out var error).ShouldBeTrue(error);

        message.MessageType.ShouldBe(DhcpMessageType.Ack);
        message.Options.GetUInt32(DhcpOptionCode.LeaseTime).ShouldBe(3600u);
        message.Options.Get(DhcpOptionCode.DomainNameServer).ShouldBeNull();
    }

    [Fact]
    public void TryDecode_OptionSplitInTwo_ConcatenatesThemPerRfc3396()
    {
        var bytes = Header();
        bytes.AddRange([15, 3, (byte)'a', (byte)'.', (byte)'b', 15, 2, (byte)'.', (byte)'c', 255]);

        DhcpMessage.TryDecode(bytes.ToArray(), out var message, out _).ShouldBeTrue();

        message.Options.GetString(DhcpOptionCode.DomainName).ShouldBe("a.b.c");
    }

    [Fact]
    public void TryDecode_OverloadedFileField_ReadsOptionsFromIt()
    {
        var bytes = Header();
        bytes.AddRange([52, 1, 1, 255]);
        var array = bytes.ToArray();
        array[DhcpMessage.FileOffset] = 3; // option 3, router, inside 'file'
        array[DhcpMessage.FileOffset + 1] = 4;
        array[DhcpMessage.FileOffset + 2] = 10;
        array[DhcpMessage.FileOffset + 5] = 1;
        array[DhcpMessage.FileOffset + 6] = 255;

        DhcpMessage.TryDecode(array, out var message, out var error).ShouldBeTrue(error);

        message.Options.GetAddress(DhcpOptionCode.Router).ShouldBe(IPAddress.Parse("10.0.0.1"));
    }

    [Fact]
    public void TryDecode_ShorterThanHeader_ReturnsTruncatedError()
    {
        var bytes = new DhcpMessage { ClientHardwareAddress = Mac }.Encode();

        DhcpMessage.TryDecode(bytes.AsSpan(0, 200), out var message, out var error).ShouldBeFalse();

        message.ShouldBeNull();
        error.ShouldContain("truncated");
        error.ShouldContain("200 bytes");
    }

    [Fact]
    public void TryDecode_OptionRunsPastEnd_ReturnsTruncatedErrorWithOffset()
    {
        var bytes = Header();
        bytes.AddRange([53, 1, 2, 6, 8, 10, 0]); // DNS option claims 8 bytes, only 2 follow

        DhcpMessage.TryDecode(bytes.ToArray(), out _, out var error).ShouldBeFalse();

        error.ShouldBe("DHCP option 6 at offset 243 runs past the end of the message (truncated)");
    }

    [Fact]
    public void TryDecode_WrongMagicCookie_ReturnsError()
    {
        var bytes = new DhcpMessage { ClientHardwareAddress = Mac }.Encode();
        bytes[236] = 1;

        DhcpMessage.TryDecode(bytes, out _, out var error).ShouldBeFalse();

        error.ShouldContain("magic cookie");
        error.ShouldContain("99.130.83.99");
    }

    [Fact]
    public void Encode_OptionLongerThan255Bytes_SplitsIntoSeveralInstances()
    {
        var message = new DhcpMessage { ClientHardwareAddress = Mac };
        message.Options.Set(DhcpOptionCode.DomainName, Enumerable.Repeat((byte)'x', 300).ToArray());

        var bytes = message.Encode();

        bytes[240].ShouldBe((byte)15);
        bytes[241].ShouldBe((byte)255);
        bytes[240 + 257].ShouldBe((byte)15);
        bytes[240 + 258].ShouldBe((byte)45);
        DhcpMessage.TryDecode(bytes, out var decoded, out _).ShouldBeTrue();
        decoded.Options.Get(DhcpOptionCode.DomainName)!.Length.ShouldBe(300);
    }

    [Fact]
    public void TryDecode_RandomBytes_NeverThrows()
    {
        Gen.Byte.Array[0, 700].Sample(bytes =>
        {
            // Force the cookie half the time so the option parser sees random input too.
            if (bytes.Length >= 240 && bytes[0] % 2 == 0)
            {
                DhcpMessage.MagicCookie.CopyTo(bytes.AsSpan(236));
            }

            _ = DhcpMessage.TryDecode(bytes, out _, out _);
        });
    }

    /// <summary>A BOOTREPLY header with the magic cookie and no options yet.</summary>
    private static List<byte> Header()
    {
        var bytes = new byte[DhcpMessage.OptionsOffset];
        bytes[0] = DhcpMessage.BootReply;
        bytes[1] = 1;
        bytes[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), 42);
        DhcpMessage.MagicCookie.CopyTo(bytes.AsSpan(236));
        return [.. bytes];
    }
}
