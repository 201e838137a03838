namespace Hull.Network;

/// <summary>
/// Numbers from &lt;linux/netlink.h&gt;, &lt;linux/rtnetlink.h&gt;, &lt;linux/if_link.h&gt;,
/// &lt;linux/if_addr.h&gt; and &lt;linux/if.h&gt; (see netlink(7), rtnetlink(7)). They are kernel ABI and never change.
/// </summary>
internal static class Rtnl
{
    // nlmsghdr.nlmsg_type control messages.
    public const ushort NLMSG_NOOP = 1;
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;

    // rtnetlink message types.
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_GETADDR = 22;
    public const ushort RTM_NEWROUTE = 24;
    public const ushort RTM_GETROUTE = 26;

    // nlmsghdr.nlmsg_flags.
    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_MULTI = 0x2;
    public const ushort NLM_F_ACK = 0x4;
    public const ushort NLM_F_DUMP = 0x300;   // NLM_F_ROOT | NLM_F_MATCH
    public const ushort NLM_F_EXCL = 0x200;   // on NEW requests: fail with EEXIST if it is already there
    public const ushort NLM_F_CREATE = 0x400;

    // Flags on an NLMSG_ERROR reply when NETLINK_CAP_ACK / NETLINK_EXT_ACK are on.
    public const ushort NLM_F_CAPPED = 0x100;
    public const ushort NLM_F_ACK_TLVS = 0x200;
    public const ushort NLMSGERR_ATTR_MSG = 1;

    public const int HeaderLength = 16;       // sizeof(struct nlmsghdr)
    public const int IfInfoMsgLength = 16;    // sizeof(struct ifinfomsg)
    public const int IfAddrMsgLength = 8;     // sizeof(struct ifaddrmsg)
    public const int RtMsgLength = 12;        // sizeof(struct rtmsg)
    public const int AttributeHeaderLength = 4; // sizeof(struct rtattr)

    public const byte AF_UNSPEC = 0;
    public const byte AF_INET = 2;

    // IFLA_* (ifinfomsg attributes).
    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;

    // IFA_* (ifaddrmsg attributes). For IPv4, IFA_LOCAL is the interface's own address; IFA_ADDRESS is
    // the peer on point-to-point links and equal to IFA_LOCAL otherwise.
    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_LABEL = 3;
    public const ushort IFA_BROADCAST = 4;

    // RTA_* (rtmsg attributes).
    public const ushort RTA_DST = 1;
    public const ushort RTA_OIF = 4;
    public const ushort RTA_GATEWAY = 5;
    public const ushort RTA_PRIORITY = 6;
    public const ushort RTA_PREFSRC = 7;
    public const ushort RTA_TABLE = 15;

    public const byte RT_TABLE_MAIN = 254;
    public const byte RTPROT_BOOT = 3;        // installed during boot (static config)
    public const byte RTPROT_STATIC = 4;
    public const byte RTPROT_DHCP = 16;       // installed by a DHCP client
    public const byte RT_SCOPE_UNIVERSE = 0;
    public const byte RT_SCOPE_LINK = 253;
    public const byte RT_SCOPE_HOST = 254;
    public const byte RTN_UNICAST = 1;

    // netdevice(7) interface flags.
    public const uint IFF_UP = 0x1;
    public const uint IFF_BROADCAST = 0x2;
    public const uint IFF_LOOPBACK = 0x8;
    public const uint IFF_RUNNING = 0x40;
    public const uint IFF_LOWER_UP = 0x10000;

    /// <summary>NLMSG_ALIGN and RTA_ALIGN: both round up to 4 bytes.</summary>
    public static int Align(int length) => (length + 3) & ~3;
}
