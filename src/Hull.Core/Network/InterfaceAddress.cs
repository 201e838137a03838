using System.Net;

namespace Hull.Network;

/// <summary>An IPv4 address assigned to an interface (RTM_NEWADDR).</summary>
internal sealed record InterfaceAddress(int InterfaceIndex, IPAddress Address, int PrefixLength, IPAddress? Broadcast, string? Label);
