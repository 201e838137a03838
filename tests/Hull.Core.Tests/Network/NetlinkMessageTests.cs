using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Hull.Network;

namespace Hull.Core.Tests.Network;

[SupportedOSPlatform("linux")]
public sealed class NetlinkMessageTests
{
    [Fact]
    public void Builder_Header_HasLengthTypeFlagsAndSequence()
    {
        var bytes = new NetlinkMessageBuilder(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, 77)
            .IfInfo(Rtnl.AF_UNSPEC, 3, Rtnl.IFF_UP, Rtnl.IFF_UP)
            .ToArray();

        bytes.Length.ShouldBe(32);
        Read<uint>(bytes, 0).ShouldBe(32u);        // nlmsg_len
        Read<ushort>(bytes, 4).ShouldBe((ushort)16); // RTM_NEWLINK
        Read<ushort>(bytes, 6).ShouldBe((ushort)5);  // NLM_F_REQUEST | NLM_F_ACK
        Read<uint>(bytes, 8).ShouldBe(77u);
        Read<uint>(bytes, 12).ShouldBe(0u);          // to the kernel
        Read<int>(bytes, 20).ShouldBe(3);            // ifi_index
        Read<uint>(bytes, 24).ShouldBe(1u);          // ifi_flags
        Read<uint>(bytes, 28).ShouldBe(1u);          // ifi_change
    }

    [Fact]
    public void Builder_AttributeOfOddLength_PadsToRtaAlignButKeepsTrueLength()
    {
        var bytes = new NetlinkMessageBuilder(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST, 1)
            .IfInfo(Rtnl.AF_UNSPEC, 0, 0, 0)
            .Attribute(Rtnl.IFLA_IFNAME, "eth0")
            .Attribute(Rtnl.IFLA_MTU, 1400u)
            .ToArray();

        // 16 header + 16 ifinfomsg + (4 + "eth0\0" = 9, padded to 12) + (4 + 4).
        bytes.Length.ShouldBe(52);
        Read<uint>(bytes, 0).ShouldBe(52u);
        Read<ushort>(bytes, 32).ShouldBe((ushort)9);
        Read<ushort>(bytes, 34).ShouldBe(Rtnl.IFLA_IFNAME);
        bytes[36..41].ShouldBe("eth0\0"u8.ToArray());
        bytes[41..44].ShouldAllBe(b => b == 0);
        Read<ushort>(bytes, 44).ShouldBe((ushort)8);
        Read<ushort>(bytes, 46).ShouldBe(Rtnl.IFLA_MTU);
        Read<uint>(bytes, 48).ShouldBe(1400u);
    }

    [Fact]
    public void Builder_AddressAttribute_IsInNetworkByteOrder()
    {
        var bytes = new NetlinkMessageBuilder(Rtnl.RTM_NEWADDR, Rtnl.NLM_F_REQUEST, 1)
            .IfAddr(Rtnl.AF_INET, 24, 0, 0, 2)
            .Attribute(Rtnl.IFA_LOCAL, IPAddress.Parse("10.0.2.15"))
            .ToArray();

        bytes.Length.ShouldBe(16 + 8 + 8);
        bytes[16].ShouldBe(Rtnl.AF_INET);
        bytes[17].ShouldBe((byte)24);
        Read<int>(bytes, 20).ShouldBe(2);
        bytes[28..32].ShouldBe(new byte[] { 10, 0, 2, 15 });
    }

    [Fact]
    public void Reader_TwoMessagesInOneDatagram_ReadsBothAtAlignedOffsets()
    {
        var first = new NetlinkMessageBuilder(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_MULTI, 9)
            .IfInfo(Rtnl.AF_UNSPEC, 1, 0, 0)
            .Attribute(Rtnl.IFLA_IFNAME, "lo")
            .ToArray();
        var done = new NetlinkMessageBuilder(Rtnl.NLMSG_DONE, Rtnl.NLM_F_MULTI, 9).Attribute(0, 0u).ToArray();
        byte[] datagram = [.. first, .. done];

        var reader = new NetlinkMessageReader(datagram);

        reader.TryRead(out var header, out var payload).ShouldBeTrue();
        header.Type.ShouldBe(Rtnl.RTM_NEWLINK);
        header.Sequence.ShouldBe(9u);
        payload.Length.ShouldBe(first.Length - 16);
        reader.TryRead(out header, out _).ShouldBeTrue();
        header.Type.ShouldBe(Rtnl.NLMSG_DONE);
        reader.TryRead(out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void Reader_LengthBeyondDatagram_StopsInsteadOfOverrunning()
    {
        var bytes = new NetlinkMessageBuilder(Rtnl.RTM_NEWLINK, 0, 1).IfInfo(0, 0, 0, 0).ToArray();
        MemoryMarshal.Write(bytes, 100u);

        new NetlinkMessageReader(bytes).TryRead(out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void AttributeReader_NestedFlag_IsMaskedFromType()
    {
        byte[] attribute = [8, 0, 0x05, 0x80, 1, 2, 3, 4]; // type 5 | NLA_F_NESTED

        var reader = new NetlinkAttributeReader(attribute);

        reader.TryRead(out var type, out var value).ShouldBeTrue();
        type.ShouldBe((ushort)5);
        value.ToArray().ShouldBe(new byte[] { 1, 2, 3, 4 });
    }

    [Fact]
    public void ParseLink_NewLinkPayload_ReadsIndexNameFlagsMacAndMtu()
    {
        var bytes = new NetlinkMessageBuilder(Rtnl.RTM_NEWLINK, 0, 1)
            .IfInfo(Rtnl.AF_UNSPEC, 4, Rtnl.IFF_UP | Rtnl.IFF_LOWER_UP, 0)
            .Attribute(Rtnl.IFLA_ADDRESS, [0x52, 0x54, 0, 0x12, 0x34, 0x56])
            .Attribute(Rtnl.IFLA_IFNAME, "ens3")
            .Attribute(Rtnl.IFLA_MTU, 1500u)
            .ToArray();

        var link = Netlink.ParseLink(bytes.AsSpan(16)).ShouldNotBeNull();

        link.Index.ShouldBe(4);
        link.Name.ShouldBe("ens3");
        link.IsUp.ShouldBeTrue();
        link.HasCarrier.ShouldBeTrue();
        link.Address.ShouldBe(PhysicalAddress.Parse("52-54-00-12-34-56"));
        link.Mtu.ShouldBe(1500);
    }

    [Fact]
    public void ParseAddress_PrefersLocalOverPeerAddress()
    {
        var bytes = new NetlinkMessageBuilder(Rtnl.RTM_NEWADDR, 0, 1)
            .IfAddr(Rtnl.AF_INET, 24, 0, 0, 2)
            .Attribute(Rtnl.IFA_ADDRESS, IPAddress.Parse("10.0.0.2"))
            .Attribute(Rtnl.IFA_LOCAL, IPAddress.Parse("10.0.0.1"))
            .Attribute(Rtnl.IFA_LABEL, "eth0")
            .ToArray();

        var address = Netlink.ParseAddress(bytes.AsSpan(16)).ShouldNotBeNull();

        address.Address.ShouldBe(IPAddress.Parse("10.0.0.1"));
        address.PrefixLength.ShouldBe(24);
        address.InterfaceIndex.ShouldBe(2);
        address.Label.ShouldBe("eth0");
    }

    [Fact]
    public void ParseRoute_DefaultRoute_HasNoDestinationAndReadsGatewayAndTable()
    {
        var bytes = new NetlinkMessageBuilder(Rtnl.RTM_NEWROUTE, 0, 1)
            .Route(Rtnl.AF_INET, 0, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_DHCP, Rtnl.RT_SCOPE_UNIVERSE, Rtnl.RTN_UNICAST)
            .Attribute(Rtnl.RTA_TABLE, 254u)
            .Attribute(Rtnl.RTA_GATEWAY, IPAddress.Parse("10.0.2.2"))
            .Attribute(Rtnl.RTA_OIF, 2u)
            .ToArray();

        var route = Netlink.ParseRoute(bytes.AsSpan(16)).ShouldNotBeNull();

        route.IsDefault.ShouldBeTrue();
        route.Destination.ShouldBe(IPAddress.Any);
        route.Gateway.ShouldBe(IPAddress.Parse("10.0.2.2"));
        route.OutputInterface.ShouldBe(2);
        route.Table.ShouldBe(254u);
    }

    private static T Read<T>(byte[] bytes, int offset)
        where T : struct => MemoryMarshal.Read<T>(bytes.AsSpan(offset));
}
