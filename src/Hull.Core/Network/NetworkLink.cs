using System.Net.NetworkInformation;

namespace Hull.Network;

/// <summary>One network interface as rtnetlink reports it (RTM_NEWLINK).</summary>
/// <param name="Index">The kernel's ifindex.</param>
/// <param name="Name">The interface name (IFLA_IFNAME).</param>
/// <param name="Flags">netdevice(7) IFF_* flags.</param>
/// <param name="Address">The hardware address (IFLA_ADDRESS), if the link has one.</param>
/// <param name="Mtu">IFLA_MTU, 0 when not reported.</param>
internal sealed record NetworkLink(int Index, string Name, uint Flags, PhysicalAddress? Address, int Mtu)
{
    /// <summary>Administratively up (IFF_UP).</summary>
    public bool IsUp => (Flags & Rtnl.IFF_UP) != 0;

    /// <summary>The loopback device (IFF_LOOPBACK).</summary>
    public bool IsLoopback => (Flags & Rtnl.IFF_LOOPBACK) != 0;

    /// <summary>Carrier present (IFF_LOWER_UP).</summary>
    public bool HasCarrier => (Flags & Rtnl.IFF_LOWER_UP) != 0;
}
