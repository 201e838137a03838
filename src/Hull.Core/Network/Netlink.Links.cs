using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace Hull.Network;

internal sealed partial class Netlink
{
    /// <summary>Lists every link (RTM_GETLINK dump).</summary>
    public IReadOnlyList<NetworkLink> ListLinks()
    {
        var sequence = NextSequence();
        var request = new NetlinkMessageBuilder(Rtnl.RTM_GETLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, sequence)
            .IfInfo(Rtnl.AF_UNSPEC, 0, 0, 0);
        return Dump(request, sequence, Rtnl.RTM_NEWLINK, "list links", ParseLink);
    }

    /// <summary>The link called <paramref name="name"/>, or null if there is none.</summary>
    public NetworkLink? FindLink(string name) =>
        ListLinks().FirstOrDefault(link => link.Name == name);

    /// <summary>Sets IFF_UP on a link (RTM_NEWLINK with ifi_change = IFF_UP, so no other flag moves).</summary>
    public void SetLinkUp(NetworkLink link)
    {
        var sequence = NextSequence();
        var request = new NetlinkMessageBuilder(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, sequence)
            .IfInfo(Rtnl.AF_UNSPEC, link.Index, Rtnl.IFF_UP, Rtnl.IFF_UP);
        Execute(request, sequence, "set link up", link.Name, existsIsSuccess: false);
    }

    /// <summary>Sets a link's MTU (IFLA_MTU).</summary>
    public void SetMtu(NetworkLink link, int mtu)
    {
        var sequence = NextSequence();
        var request = new NetlinkMessageBuilder(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, sequence)
            .IfInfo(Rtnl.AF_UNSPEC, link.Index, 0, 0)
            .Attribute(Rtnl.IFLA_MTU, (uint)mtu);
        Execute(request, sequence, $"set mtu {mtu}", link.Name, existsIsSuccess: false);
    }

    /// <summary>Decodes ifinfomsg + IFLA_* attributes; null when too short to be one.</summary>
    internal static NetworkLink? ParseLink(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnl.IfInfoMsgLength)
        {
            return null;
        }

        var index = MemoryMarshal.Read<int>(payload[4..]);
        var flags = MemoryMarshal.Read<uint>(payload[8..]);
        string? name = null;
        PhysicalAddress? address = null;
        var mtu = 0;
        var attributes = new NetlinkAttributeReader(payload[Rtnl.IfInfoMsgLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Rtnl.IFLA_IFNAME:
                    name = NetlinkAttributeReader.ReadString(value);
                    break;
                case Rtnl.IFLA_ADDRESS:
                    address = new PhysicalAddress(value.ToArray());
                    break;
                case Rtnl.IFLA_MTU:
                    mtu = (int)NetlinkAttributeReader.ReadUInt32(value);
                    break;
            }
        }

        return name is null ? null : new NetworkLink(index, name, flags, address, mtu);
    }
}
