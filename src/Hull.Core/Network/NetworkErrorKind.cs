namespace Hull.Network;

/// <summary>Why configuring an interface did not work out, as an expected outcome rather than a crash.</summary>
internal enum NetworkErrorKind
{
    /// <summary>No link by that name.</summary>
    InterfaceNotFound,

    /// <summary>The link has no 6-byte Ethernet address, so DHCP cannot identify it.</summary>
    NoHardwareAddress,

    /// <summary>No DHCPOFFER came back to any DHCPDISCOVER.</summary>
    NoOffer,

    /// <summary>A server offered an address but never answered the DHCPREQUEST.</summary>
    NoAck,

    /// <summary>The server answered the DHCPREQUEST with DHCPNAK.</summary>
    Nak,

    /// <summary>The static configuration cannot work (for example a gateway that is not reachable).</summary>
    InvalidConfiguration,
}
