using System.Net;

namespace Hull.Network;

internal sealed partial class Netlink
{
    /// <summary>Lists IPv4 routes in every table (RTM_GETROUTE dump, AF_INET).</summary>
    public IReadOnlyList<RouteEntry> ListRoutes()
    {
        var sequence = NextSequence();
        var request = new NetlinkMessageBuilder(Rtnl.RTM_GETROUTE, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, sequence)
            .Route(Rtnl.AF_INET, 0, 0, 0, 0, 0);
        return Dump(request, sequence, Rtnl.RTM_NEWROUTE, "list routes", ParseRoute);
    }

    /// <summary>Adds the default route 0.0.0.0/0 via <paramref name="gateway"/> on <paramref name="link"/>.</summary>
    public bool AddDefaultRoute(NetworkLink link, IPAddress gateway, byte protocol = Rtnl.RTPROT_BOOT, uint? metric = null) =>
        AddRoute(link, IPAddress.Any, 0, gateway, protocol, metric);

    /// <summary>
    /// Adds an IPv4 route to <paramref name="destination"/>/<paramref name="prefixLength"/> in the main
    /// table (RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL). With a gateway it is a universe-scope route via
    /// it; without, a link-scope route straight out of <paramref name="link"/>. Returns false if the same
    /// route already existed, which counts as success.
    /// </summary>
    public bool AddRoute(NetworkLink link, IPAddress destination, int prefixLength, IPAddress? gateway, byte protocol = Rtnl.RTPROT_BOOT, uint? metric = null)
    {
        Ipv4.Require(destination, nameof(destination));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)prefixLength, 32u, nameof(prefixLength));
        if (gateway is not null)
        {
            Ipv4.Require(gateway, nameof(gateway));
        }

        var scope = gateway is null ? Rtnl.RT_SCOPE_LINK : Rtnl.RT_SCOPE_UNIVERSE;
        var sequence = NextSequence();
        var request = new NetlinkMessageBuilder(Rtnl.RTM_NEWROUTE, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL, sequence)
            .Route(Rtnl.AF_INET, (byte)prefixLength, Rtnl.RT_TABLE_MAIN, protocol, scope, Rtnl.RTN_UNICAST);
        if (prefixLength > 0)
        {
            request.Attribute(Rtnl.RTA_DST, Ipv4.Network(destination, prefixLength));
        }

        if (gateway is not null)
        {
            request.Attribute(Rtnl.RTA_GATEWAY, gateway);
        }

        request.Attribute(Rtnl.RTA_OIF, (uint)link.Index);
        if (metric is { } priority)
        {
            request.Attribute(Rtnl.RTA_PRIORITY, priority);
        }

        var via = gateway is null ? "" : $" via {gateway}";
        return Execute(request, sequence, $"add route {Ipv4.Network(destination, prefixLength)}/{prefixLength}{via}", link.Name, existsIsSuccess: true);
    }

    /// <summary>Decodes rtmsg + RTA_* attributes; null for anything but IPv4.</summary>
    internal static RouteEntry? ParseRoute(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnl.RtMsgLength || payload[0] != Rtnl.AF_INET)
        {
            return null;
        }

        var prefixLength = payload[1];
        uint table = payload[4];
        var destination = IPAddress.Any;
        IPAddress? gateway = null;
        int? outputInterface = null;
        uint? metric = null;
        var attributes = new NetlinkAttributeReader(payload[Rtnl.RtMsgLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Rtnl.RTA_DST:
                    destination = NetlinkAttributeReader.ReadIPv4(value) ?? IPAddress.Any;
                    break;
                case Rtnl.RTA_GATEWAY:
                    gateway = NetlinkAttributeReader.ReadIPv4(value);
                    break;
                case Rtnl.RTA_OIF:
                    outputInterface = (int)NetlinkAttributeReader.ReadUInt32(value);
                    break;
                case Rtnl.RTA_PRIORITY:
                    metric = NetlinkAttributeReader.ReadUInt32(value);
                    break;
                case Rtnl.RTA_TABLE:
                    // rtm_table is only 8 bits; RTA_TABLE carries the full table id.
                    table = NetlinkAttributeReader.ReadUInt32(value);
                    break;
            }
        }

        return new RouteEntry(destination, prefixLength, gateway, outputInterface, table, metric);
    }
}
