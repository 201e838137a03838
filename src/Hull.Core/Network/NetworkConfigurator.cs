using System.Net;
using System.Runtime.Versioning;

namespace Hull.Network;

/// <summary>
/// Brings the network up at boot: loopback, then one interface by DHCP (or a static address),
/// then its address, MTU and default route. Kernel refusals throw <see cref="NetlinkException"/>;
/// a missing interface or a silent DHCP server come back as a <see cref="NetworkError"/>.
/// Sockets are opened synchronously before the first await, so they belong to the network
/// namespace of the calling thread.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class NetworkConfigurator
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;

    private readonly Netlink _netlink;
    private readonly Action<string> _log;
    private readonly DhcpClientOptions _dhcpOptions;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly Func<string, IDhcpTransport> _openTransport;

    /// <summary>Creates a configurator that changes links through <paramref name="netlink"/> (not owned).</summary>
    public NetworkConfigurator(
        Netlink netlink,
        Action<string>? log = null,
        DhcpClientOptions? dhcpOptions = null,
        TimeProvider? timeProvider = null,
        Random? random = null,
        Func<string, IDhcpTransport>? openTransport = null)
    {
        _netlink = netlink;
        _log = log ?? (_ => { });
        _dhcpOptions = dhcpOptions ?? new DhcpClientOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _openTransport = openTransport ?? UdpDhcpTransport.Open;
    }

    /// <summary>
    /// Sets <c>lo</c> up and makes sure it has 127.0.0.1/8. The kernel adds that address itself when
    /// lo comes up, so the add usually meets EEXIST, which is fine.
    /// </summary>
    public void ConfigureLoopback()
    {
        var loopback = _netlink.ListLinks().FirstOrDefault(link => link.IsLoopback);
        if (loopback is null)
        {
            _log("lo: no loopback device; skipping");
            return;
        }

        _netlink.SetLinkUp(loopback);
        _netlink.AddAddress(loopback, Loopback, 8);
        _log($"{loopback.Name}: up, 127.0.0.1/8");
    }

    /// <summary>
    /// Loopback up, <paramref name="interfaceName"/> up, DHCP on it, then its address and default
    /// route. The lease carries DNS servers, domain and hostname for resolv.conf and sethostname.
    /// </summary>
    public async Task<NetworkResult> ConfigureAsync(string interfaceName, CancellationToken cancellationToken)
    {
        ConfigureLoopback();
        var link = _netlink.FindLink(interfaceName);
        if (link is null)
        {
            return NetworkResult.Failure(NetworkErrorKind.InterfaceNotFound, interfaceName, "no such network interface");
        }

        if (link.Address is null || link.Address.GetAddressBytes() is not { Length: 6 } mac || mac.All(b => b == 0))
        {
            return NetworkResult.Failure(NetworkErrorKind.NoHardwareAddress, interfaceName, "DHCP needs an Ethernet (6-byte) hardware address");
        }

        _netlink.SetLinkUp(link);
        _log($"{interfaceName}: up ({string.Join(':', mac.Select(b => b.ToString("x2")))})");

        using var transport = _openTransport(interfaceName);
        var client = new DhcpClient(transport, interfaceName, link.Address, _dhcpOptions, _timeProvider, _random, _log);
        var result = await client.AcquireAsync(cancellationToken);
        if (result.Succeeded)
        {
            ApplyLease(link, result.Lease);
        }

        return result;
    }

    /// <summary>Applies a static address, MTU and gateway to <paramref name="interfaceName"/>; null on success.</summary>
    public NetworkError? ConfigureStatic(string interfaceName, StaticNetworkConfig config)
    {
        ConfigureLoopback();
        var link = _netlink.FindLink(interfaceName);
        if (link is null)
        {
            return new NetworkError(NetworkErrorKind.InterfaceNotFound, interfaceName, "no such network interface");
        }

        if (config.PrefixLength is < 0 or > 32)
        {
            return new NetworkError(NetworkErrorKind.InvalidConfiguration, interfaceName, $"prefix length {config.PrefixLength} is not 0-32");
        }

        _netlink.SetLinkUp(link);
        Apply(link, config.Address, config.PrefixLength, Ipv4.Broadcast(config.Address, config.PrefixLength), config.Gateway, config.Mtu, Rtnl.RTPROT_STATIC);
        return null;
    }

    /// <summary>Puts a lease's address, MTU and default route on <paramref name="link"/>.</summary>
    public void ApplyLease(NetworkLink link, DhcpLease lease) =>
        Apply(link, lease.Address, lease.PrefixLength, lease.Broadcast, lease.Router, lease.Mtu, Rtnl.RTPROT_DHCP);

    private void Apply(NetworkLink link, IPAddress address, int prefixLength, IPAddress broadcast, IPAddress? gateway, int? mtu, byte protocol)
    {
        if (mtu is { } wanted && wanted != link.Mtu)
        {
            _netlink.SetMtu(link, wanted);
            _log($"{link.Name}: mtu {wanted}");
        }

        _netlink.AddAddress(link, address, prefixLength, broadcast);
        _log($"{link.Name}: address {address}/{prefixLength} brd {broadcast}");
        if (gateway is null || gateway.Equals(IPAddress.Any))
        {
            return;
        }

        // A gateway outside the subnet (cloud /32 leases do this) is unreachable until it has a
        // link-scope host route of its own; the kernel would refuse the default route with ENETUNREACH.
        if (!Ipv4.SameSubnet(address, prefixLength, gateway))
        {
            _netlink.AddRoute(link, gateway, 32, gateway: null, protocol);
        }

        _netlink.AddDefaultRoute(link, gateway, protocol);
        _log($"{link.Name}: default via {gateway}");
    }
}
