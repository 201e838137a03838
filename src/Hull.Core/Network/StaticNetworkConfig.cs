using System.Net;

namespace Hull.Network;

/// <summary>A fixed IPv4 configuration for an interface, for hosts without DHCP.</summary>
/// <param name="Address">The interface address.</param>
/// <param name="PrefixLength">The subnet prefix length (24 for 255.255.255.0).</param>
/// <param name="Gateway">The default gateway, or null for no default route.</param>
/// <param name="Mtu">An MTU to set, or null to leave the link's own.</param>
internal sealed record StaticNetworkConfig(IPAddress Address, int PrefixLength, IPAddress? Gateway, int? Mtu = null);
