using System.Net;
using System.Runtime.InteropServices;

namespace Hull.Network;

internal sealed partial class Netlink
{
    /// <summary>Lists every IPv4 address on every link (RTM_GETADDR dump, AF_INET).</summary>
    public IReadOnlyList<InterfaceAddress> ListAddresses()
    {
        var sequence = NextSequence();
        var request = new NetlinkMessageBuilder(Rtnl.RTM_GETADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, sequence)
            .IfAddr(Rtnl.AF_INET, 0, 0, 0, 0);
        return Dump(request, sequence, Rtnl.RTM_NEWADDR, "list addresses", ParseAddress);
    }

    /// <summary>
    /// Adds an IPv4 address (RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL). Returns false if the link
    /// already had exactly this address, which counts as success. Adding it also makes the kernel
    /// install the prefix route for the subnet.
    /// </summary>
    public bool AddAddress(NetworkLink link, IPAddress address, int prefixLength, IPAddress? broadcast = null)
    {
        Ipv4.Require(address, nameof(address));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)prefixLength, 32u, nameof(prefixLength));

        // 127.0.0.0/8 lives in host scope, like the kernel's own loopback address.
        var scope = address.GetAddressBytes()[0] == 127 ? Rtnl.RT_SCOPE_HOST : Rtnl.RT_SCOPE_UNIVERSE;
        var sequence = NextSequence();
        var request = new NetlinkMessageBuilder(Rtnl.RTM_NEWADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL, sequence)
            .IfAddr(Rtnl.AF_INET, (byte)prefixLength, 0, scope, link.Index)
            .Attribute(Rtnl.IFA_LOCAL, address)
            .Attribute(Rtnl.IFA_ADDRESS, address);
        if (broadcast is not null)
        {
            request.Attribute(Rtnl.IFA_BROADCAST, broadcast);
        }

        return Execute(request, sequence, $"add address {address}/{prefixLength}", link.Name, existsIsSuccess: true);
    }

    /// <summary>Decodes ifaddrmsg + IFA_* attributes; null for anything but a usable IPv4 address.</summary>
    internal static InterfaceAddress? ParseAddress(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnl.IfAddrMsgLength || payload[0] != Rtnl.AF_INET)
        {
            return null;
        }

        var prefixLength = payload[1];
        var index = MemoryMarshal.Read<int>(payload[4..]);
        IPAddress? local = null;
        IPAddress? peer = null;
        IPAddress? broadcast = null;
        string? label = null;
        var attributes = new NetlinkAttributeReader(payload[Rtnl.IfAddrMsgLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Rtnl.IFA_LOCAL:
                    local = NetlinkAttributeReader.ReadIPv4(value);
                    break;
                case Rtnl.IFA_ADDRESS:
                    peer = NetlinkAttributeReader.ReadIPv4(value);
                    break;
                case Rtnl.IFA_BROADCAST:
                    broadcast = NetlinkAttributeReader.ReadIPv4(value);
                    break;
                case Rtnl.IFA_LABEL:
                    label = NetlinkAttributeReader.ReadString(value);
                    break;
            }
        }

        var address = local ?? peer;
        return address is null ? null : new InterfaceAddress(index, address, prefixLength, broadcast, label);
    }
}
