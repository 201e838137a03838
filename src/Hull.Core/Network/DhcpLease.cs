using System.Net;

namespace Hull.Network;

/// <summary>
/// What a DHCPACK granted: the address and the settings that go with it. Times count from
/// <see cref="AcquiredAt"/>; T1/T2 default to 50% and 87.5% of the lease (RFC 2131 §4.4.5).
/// </summary>
internal sealed record DhcpLease(
    string InterfaceName,
    IPAddress Address,
    int PrefixLength,
    IPAddress Broadcast,
    IPAddress? Router,
    IReadOnlyList<IPAddress> DnsServers,
    string? DomainName,
    string? HostName,
    int? Mtu,
    IPAddress ServerIdentifier,
    TimeSpan LeaseTime,
    TimeSpan RenewalTime,
    TimeSpan RebindingTime,
    DateTimeOffset AcquiredAt)
{
    /// <summary>When to start renewing (T1).</summary>
    public DateTimeOffset RenewAt => AcquiredAt + RenewalTime;

    /// <summary>When the address must no longer be used.</summary>
    public DateTimeOffset ExpiresAt => AcquiredAt + LeaseTime;

    /// <summary>Builds a lease from a DHCPACK. <paramref name="server"/> stands in if the ACK lacks option 54.</summary>
    public static DhcpLease FromAck(string interfaceName, DhcpMessage ack, IPAddress server, DateTimeOffset now)
    {
        var options = ack.Options;
        var address = ack.YourAddress;
        var prefixLength = options.GetAddress(DhcpOptionCode.SubnetMask) is { } mask && Ipv4.PrefixLength(mask) is { } fromMask
            ? fromMask
            : ClassfulPrefixLength(address);

        // An absent lease time only happens in replies to DHCPINFORM; treat it as one hour rather than forever.
        var lease = TimeSpan.FromSeconds(options.GetUInt32(DhcpOptionCode.LeaseTime) ?? 3600);
        var renewal = options.GetUInt32(DhcpOptionCode.RenewalTime) is { } t1 ? TimeSpan.FromSeconds(t1) : lease / 2;
        var rebinding = options.GetUInt32(DhcpOptionCode.RebindingTime) is { } t2 ? TimeSpan.FromSeconds(t2) : lease * 7 / 8;

        // The MTU option's minimum is 68 (RFC 2132 §5.1); anything smaller is ignored.
        int? mtu = options.GetUInt16(DhcpOptionCode.InterfaceMtu) is >= 68 and var value ? value : null;

        return new DhcpLease(
            interfaceName,
            address,
            prefixLength,
            options.GetAddress(DhcpOptionCode.BroadcastAddress) ?? Ipv4.Broadcast(address, prefixLength),
            options.GetAddresses(DhcpOptionCode.Router) is [var router, ..] ? router : null,
            options.GetAddresses(DhcpOptionCode.DomainNameServer),
            DnsName.Sanitize(options.GetString(DhcpOptionCode.DomainName), allowList: true),
            // sethostname(2) refuses names longer than HOST_NAME_MAX (64).
            DnsName.Sanitize(options.GetString(DhcpOptionCode.HostName), allowList: false) is { Length: <= 64 } hostName ? hostName : null,
            mtu,
            options.GetAddress(DhcpOptionCode.ServerIdentifier) ?? server,
            lease,
            renewal,
            rebinding,
            now);
    }

    /// <summary>The pre-CIDR default mask for servers that send no option 1 (RFC 1122 §3.3.1.1 allows none).</summary>
    private static int ClassfulPrefixLength(IPAddress address) => address.GetAddressBytes()[0] switch
    {
        < 128 => 8,
        < 192 => 16,
        _ => 24,
    };
}
