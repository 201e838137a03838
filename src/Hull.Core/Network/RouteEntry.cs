using System.Net;

namespace Hull.Network;

/// <summary>An IPv4 route (RTM_NEWROUTE). A default route has destination 0.0.0.0 and prefix length 0.</summary>
internal sealed record RouteEntry(IPAddress Destination, int PrefixLength, IPAddress? Gateway, int? OutputInterface, uint Table, uint? Metric)
{
    /// <summary>True for 0.0.0.0/0.</summary>
    public bool IsDefault => PrefixLength == 0;
}
