using System.Net;
using System.Runtime.Versioning;
using Hull.Network;

namespace Hull.Core.Tests.Network;

/// <summary>
/// The real thing: rtnetlink and a DHCP exchange with dnsmasq across a veth pair, all inside
/// network namespaces made for the test (see <see cref="NetworkTestbed"/>).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class NetworkConfiguratorIntegrationTests
{
    private static readonly IPAddress Leased = IPAddress.Parse($"{NetworkTestbed.Subnet}.23");
    private static readonly IPAddress Router = IPAddress.Parse($"{NetworkTestbed.Subnet}.1");

    [Fact]
    public async Task ConfigureAsync_DnsmasqOnLink_AppliesLeaseToInterface()
    {
        SkipUnlessTestbedPossible();
        var cancellationToken = TestContext.Current.CancellationToken;
        using var bed = NetworkTestbed.Create(withDhcpServer: true);

        var (netlink, configuring) = await NamespaceThread.Start(bed.ClientNamespace, () =>
        {
            var netlink = Netlink.Open();
            var configurator = new NetworkConfigurator(netlink, Log);
            return (netlink, configuring: configurator.ConfigureAsync(NetworkTestbed.ClientInterface, cancellationToken));
        });
        using (netlink)
        {
            var result = await configuring;

            result.Succeeded.ShouldBeTrue($"{result.Error}\ndnsmasq:\n{bed.DnsmasqOutput}");
            var lease = result.Lease;
            lease.Address.ShouldBe(Leased);
            lease.PrefixLength.ShouldBe(24);
            lease.Router.ShouldBe(Router);
            lease.DnsServers.ShouldBe([IPAddress.Parse($"{NetworkTestbed.Subnet}.53"), IPAddress.Parse($"{NetworkTestbed.Subnet}.54")]);
            lease.DomainName.ShouldBe("hull.test");
            lease.HostName.ShouldBe("hulltest");
            lease.Mtu.ShouldBe(1400);
            lease.LeaseTime.ShouldBe(TimeSpan.FromHours(1));

            // Read back through our own netlink socket...
            var links = netlink.ListLinks();
            var link = links.Single(l => l.Name == NetworkTestbed.ClientInterface);
            link.IsUp.ShouldBeTrue();
            link.Mtu.ShouldBe(1400);
            links.Single(l => l.IsLoopback).IsUp.ShouldBeTrue();
            var addresses = netlink.ListAddresses();
            addresses.ShouldContain(a => a.InterfaceIndex == link.Index && a.Address.Equals(Leased) && a.PrefixLength == 24);
            addresses.ShouldContain(a => a.Address.Equals(IPAddress.Loopback) && a.PrefixLength == 8);
            netlink.ListRoutes().ShouldContain(r => r.IsDefault && Router.Equals(r.Gateway) && r.OutputInterface == link.Index && r.Table == 254);
        }

        // ...and through iproute2, which has no stake in our parser.
        bed.IpInClient("-4", "addr", "show", "dev", NetworkTestbed.ClientInterface).ShouldContain($"inet {Leased}/24 brd {NetworkTestbed.Subnet}.255");
        bed.IpInClient("-4", "route", "show", "default").ShouldContain($"default via {Router} dev {NetworkTestbed.ClientInterface} proto dhcp");
        bed.IpInClient("link", "show", "lo").ShouldContain("UP");
    }

    [Fact]
    public async Task RenewAsync_AfterConfigure_ServerAcksSameAddressByUnicast()
    {
        SkipUnlessTestbedPossible();
        var cancellationToken = TestContext.Current.CancellationToken;
        using var bed = NetworkTestbed.Create(withDhcpServer: true);

        var (netlink, configuring) = await NamespaceThread.Start(bed.ClientNamespace, () =>
        {
            var netlink = Netlink.Open();
            return (netlink, configuring: new NetworkConfigurator(netlink, Log).ConfigureAsync(NetworkTestbed.ClientInterface, cancellationToken));
        });
        NetworkResult first;
        using (netlink)
        {
            first = await configuring;
        }

        first.Succeeded.ShouldBeTrue($"{first.Error}\ndnsmasq:\n{bed.DnsmasqOutput}");
        var (transport, renewing) = await NamespaceThread.Start(bed.ClientNamespace, () =>
        {
            var transport = UdpDhcpTransport.Open(NetworkTestbed.ClientInterface);
            var client = new DhcpClient(transport, NetworkTestbed.ClientInterface, System.Net.NetworkInformation.PhysicalAddress.Parse(NetworkTestbed.ClientMac), log: Log);
            return (transport, renewing: client.RenewAsync(first.Lease, cancellationToken));
        });
        using (transport)
        {
            var renewed = await renewing;

            renewed.Succeeded.ShouldBeTrue($"{renewed.Error}\ndnsmasq:\n{bed.DnsmasqOutput}");
            renewed.Lease.Address.ShouldBe(Leased);
            bed.DnsmasqOutput.ShouldContain($"DHCPREQUEST({NetworkTestbed.ServerInterface}) {Leased}");
        }
    }

    [Fact]
    public async Task ConfigureAsync_NoServerOnLink_ReturnsNoOfferAndLeavesInterfaceUnaddressed()
    {
        SkipUnlessTestbedPossible();
        var cancellationToken = TestContext.Current.CancellationToken;
        using var bed = NetworkTestbed.Create(withDhcpServer: false);
        var fast = new DhcpClientOptions { Attempts = 2, InitialTimeout = TimeSpan.FromMilliseconds(100) };

        var (netlink, configuring) = await NamespaceThread.Start(bed.ClientNamespace, () =>
        {
            var netlink = Netlink.Open();
            return (netlink, configuring: new NetworkConfigurator(netlink, Log, fast).ConfigureAsync(NetworkTestbed.ClientInterface, cancellationToken));
        });
        using (netlink)
        {
            var result = await configuring;

            result.Error.ShouldNotBeNull().Kind.ShouldBe(NetworkErrorKind.NoOffer);
            result.Error.Value.InterfaceName.ShouldBe(NetworkTestbed.ClientInterface);
            var link = netlink.FindLink(NetworkTestbed.ClientInterface).ShouldNotBeNull();
            netlink.ListAddresses().ShouldNotContain(a => a.InterfaceIndex == link.Index);
        }
    }

    [Fact]
    public async Task ConfigureAsync_UnknownInterface_ReturnsInterfaceNotFound()
    {
        SkipUnlessTestbedPossible();
        using var bed = NetworkTestbed.Create(withDhcpServer: false);

        var (netlink, configuring) = await NamespaceThread.Start(bed.ClientNamespace, () =>
        {
            var netlink = Netlink.Open();
            return (netlink, configuring: new NetworkConfigurator(netlink, Log).ConfigureAsync("nosuch0", TestContext.Current.CancellationToken));
        });
        using (netlink)
        {
            var result = await configuring;

            result.Error.ShouldNotBeNull().Kind.ShouldBe(NetworkErrorKind.InterfaceNotFound);
            result.Error.Value.ToString().ShouldStartWith("nosuch0: ");
        }
    }

    [Fact]
    public async Task ConfigureStatic_AddressAndGateway_AppearOnInterfaceAndRepeatIsIdempotent()
    {
        SkipUnlessTestbedPossible();
        using var bed = NetworkTestbed.Create(withDhcpServer: false);
        var config = new StaticNetworkConfig(IPAddress.Parse($"{NetworkTestbed.Subnet}.40"), 24, Router, Mtu: 1450);

        var netlink = await NamespaceThread.Start(bed.ClientNamespace, () => Netlink.Open());
        using (netlink)
        {
            var configurator = new NetworkConfigurator(netlink, Log);

            configurator.ConfigureStatic(NetworkTestbed.ClientInterface, config).ShouldBeNull();
            configurator.ConfigureStatic(NetworkTestbed.ClientInterface, config).ShouldBeNull(); // EEXIST counts as done
        }

        bed.IpInClient("-4", "addr", "show", "dev", NetworkTestbed.ClientInterface).ShouldContain($"inet {NetworkTestbed.Subnet}.40/24");
        bed.IpInClient("-4", "route", "show", "default").ShouldContain($"default via {Router} dev {NetworkTestbed.ClientInterface} proto static");
        bed.IpInClient("link", "show", NetworkTestbed.ClientInterface).ShouldContain("mtu 1450");
    }

    [Fact]
    public async Task AddRoute_GatewayNotOnLink_ThrowsNetlinkExceptionNamingOperationAndInterface()
    {
        SkipUnlessTestbedPossible();
        using var bed = NetworkTestbed.Create(withDhcpServer: false);

        var netlink = await NamespaceThread.Start(bed.ClientNamespace, () => Netlink.Open());
        using (netlink)
        {
            var link = netlink.FindLink(NetworkTestbed.ClientInterface).ShouldNotBeNull();
            netlink.SetLinkUp(link);

            var error = Should.Throw<NetlinkException>(() => netlink.AddDefaultRoute(link, IPAddress.Parse("192.0.2.1")));

            error.Errno.ShouldBe(101); // ENETUNREACH: no address or route makes 192.0.2.1 reachable
            error.Message.ShouldContain("add route 0.0.0.0/0 via 192.0.2.1 on hull0");
        }
    }

    private static void SkipUnlessTestbedPossible()
    {
        if (NetworkTestbed.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private static void Log(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);
}
