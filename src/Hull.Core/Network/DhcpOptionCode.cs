namespace Hull.Network;

/// <summary>DHCP option codes used by Hull (RFC 2132 unless noted).</summary>
internal enum DhcpOptionCode : byte
{
    Pad = 0,
    SubnetMask = 1,
    Router = 3,
    DomainNameServer = 6,
    HostName = 12,
    DomainName = 15,
    InterfaceMtu = 26,
    BroadcastAddress = 28,
    RequestedIpAddress = 50,
    LeaseTime = 51,

    /// <summary>Says the <c>file</c> and/or <c>sname</c> header fields hold more options (§9.3).</summary>
    OptionOverload = 52,
    MessageType = 53,
    ServerIdentifier = 54,
    ParameterRequestList = 55,
    Message = 56,
    MaximumMessageSize = 57,
    RenewalTime = 58,
    RebindingTime = 59,
    ClientIdentifier = 61,
    End = 255,
}
