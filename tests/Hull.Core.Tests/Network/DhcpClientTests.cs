using System.Net;
using System.Net.NetworkInformation;
using Hull.Network;

namespace Hull.Core.Tests.Network;

public sealed class DhcpClientTests
{
    private static readonly PhysicalAddress Mac = PhysicalAddress.Parse("52-54-00-12-34-56");

    private static readonly DhcpClientOptions Fast = new()
    {
        Attempts = 3,
        InitialTimeout = TimeSpan.FromMilliseconds(20),
        MaximumTimeout = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task AcquireAsync_ServerOffersAndAcks_ReturnsLeaseWithOptions()
    {
        var transport = new FakeDhcpTransport(request => request.MessageType switch
        {
            DhcpMessageType.Discover =>
            [
                Garbage(),
                FakeDhcpTransport.Reply(request, DhcpMessageType.Offer, "10.0.2.99", transactionId: request.TransactionId + 1).Encode(),
                FakeDhcpTransport.Reply(request, DhcpMessageType.Offer, "10.0.2.15").Encode(),
            ],
            DhcpMessageType.Request => [Ack(request).Encode()],
            _ => [],
        });
        var client = new DhcpClient(transport, "eth0", Mac, Fast, random: new Random(1));

        var result = await client.AcquireAsync(TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue(result.Error?.ToString());
        var lease = result.Lease;
        lease.InterfaceName.ShouldBe("eth0");
        lease.Address.ShouldBe(IPAddress.Parse("10.0.2.15"));
        lease.PrefixLength.ShouldBe(24);
        lease.Broadcast.ShouldBe(IPAddress.Parse("10.0.2.255"));
        lease.Router.ShouldBe(IPAddress.Parse("10.0.2.2"));
        lease.DnsServers.ShouldBe([IPAddress.Parse("10.0.2.3")]);
        lease.DomainName.ShouldBe("example.internal");
        lease.HostName.ShouldBe("hull-1");
        lease.Mtu.ShouldBe(1400);
        lease.LeaseTime.ShouldBe(TimeSpan.FromHours(1));
        lease.RenewalTime.ShouldBe(TimeSpan.FromMinutes(30));
        lease.RebindingTime.ShouldBe(TimeSpan.FromMinutes(52.5));
        lease.ServerIdentifier.ShouldBe(IPAddress.Parse("10.0.2.2"));
    }

    [Fact]
    public async Task AcquireAsync_ServerOffersAndAcks_SendsRfc2131Requests()
    {
        var transport = new FakeDhcpTransport(request => request.MessageType switch
        {
            DhcpMessageType.Discover => [FakeDhcpTransport.Reply(request, DhcpMessageType.Offer, "10.0.2.15").Encode()],
            DhcpMessageType.Request => [Ack(request).Encode()],
            _ => [],
        });
        var client = new DhcpClient(transport, "eth0", Mac, Fast, random: new Random(1));

        await client.AcquireAsync(TestContext.Current.CancellationToken);

        transport.Sent.Count.ShouldBe(2);
        var (discover, to) = transport.Sent[0];
        to.ShouldBe(new IPEndPoint(IPAddress.Broadcast, 67));
        discover.MessageType.ShouldBe(DhcpMessageType.Discover);
        discover.IsBroadcast.ShouldBeTrue();
        discover.ClientHardwareAddress.ShouldBe(Mac.GetAddressBytes());
        discover.Options.Get(DhcpOptionCode.ClientIdentifier).ShouldBe(new byte[] { 1, 0x52, 0x54, 0, 0x12, 0x34, 0x56 });
        discover.Options.Get(DhcpOptionCode.ParameterRequestList).ShouldNotBeNull().ShouldBeSubsetOf(new byte[] { 1, 3, 6, 12, 15, 26, 28, 51, 58, 59 });

        var (request, _) = transport.Sent[1];
        request.MessageType.ShouldBe(DhcpMessageType.Request);
        request.TransactionId.ShouldBe(discover.TransactionId);
        request.ClientAddress.ShouldBe(IPAddress.Any);
        request.Options.GetAddress(DhcpOptionCode.RequestedIpAddress).ShouldBe(IPAddress.Parse("10.0.2.15"));
        request.Options.GetAddress(DhcpOptionCode.ServerIdentifier).ShouldBe(IPAddress.Parse("10.0.2.2"));
    }

    [Fact]
    public async Task AcquireAsync_SameSeed_UsesSameTransactionId()
    {
        var first = new FakeDhcpTransport(_ => []);
        var second = new FakeDhcpTransport(_ => []);
        var options = Fast with { Attempts = 1 };

        await new DhcpClient(first, "eth0", Mac, options, random: new Random(7)).AcquireAsync(TestContext.Current.CancellationToken);
        await new DhcpClient(second, "eth0", Mac, options, random: new Random(7)).AcquireAsync(TestContext.Current.CancellationToken);

        first.Sent[0].Message.TransactionId.ShouldBe(second.Sent[0].Message.TransactionId);
    }

    [Fact]
    public async Task AcquireAsync_NoServer_ReturnsNoOfferAfterEveryAttempt()
    {
        var transport = new FakeDhcpTransport(_ => []);
        var client = new DhcpClient(transport, "eth0", Mac, Fast);

        var result = await client.AcquireAsync(TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error.Value.Kind.ShouldBe(NetworkErrorKind.NoOffer);
        result.Error.Value.InterfaceName.ShouldBe("eth0");
        result.Error.Value.ToString().ShouldContain("no DHCP server answered 3 DHCPDISCOVERs");
        transport.Sent.Count.ShouldBe(3);
    }

    [Fact]
    public async Task AcquireAsync_OfferButNoAck_ReturnsNoAck()
    {
        var transport = new FakeDhcpTransport(request => request.MessageType == DhcpMessageType.Discover
            ? [FakeDhcpTransport.Reply(request, DhcpMessageType.Offer, "10.0.2.15").Encode()]
            : []);
        var client = new DhcpClient(transport, "eth0", Mac, Fast);

        var result = await client.AcquireAsync(TestContext.Current.CancellationToken);

        result.Error.ShouldNotBeNull().Kind.ShouldBe(NetworkErrorKind.NoAck);
        transport.Sent.Count.ShouldBe(1 + 3);
    }

    [Fact]
    public async Task AcquireAsync_ServerNaks_ReturnsNakWithServerMessage()
    {
        var transport = new FakeDhcpTransport(request =>
        {
            var type = request.MessageType == DhcpMessageType.Discover ? DhcpMessageType.Offer : DhcpMessageType.Nak;
            var reply = FakeDhcpTransport.Reply(request, type, type == DhcpMessageType.Nak ? "0.0.0.0" : "10.0.2.15");
            reply.Options.Set(DhcpOptionCode.Message, "address taken"u8);
            return [reply.Encode()];
        });
        var client = new DhcpClient(transport, "eth0", Mac, Fast);

        var result = await client.AcquireAsync(TestContext.Current.CancellationToken);

        result.Error.ShouldNotBeNull().Kind.ShouldBe(NetworkErrorKind.Nak);
        result.Error.Value.Detail.ShouldContain("address taken");
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_Throws()
    {
        var transport = new FakeDhcpTransport(_ => []);
        var client = new DhcpClient(transport, "eth0", Mac);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Should.ThrowAsync<OperationCanceledException>(() => client.AcquireAsync(cancellation.Token));
    }

    [Fact]
    public async Task RenewAsync_ServerAcks_UnicastsRequestWithCiaddr()
    {
        var transport = new FakeDhcpTransport(request => [Ack(request, request.ClientAddress.ToString()).Encode()]);
        var client = new DhcpClient(transport, "eth0", Mac, Fast);
        var old = DhcpLease.FromAck("eth0", Ack(new DhcpMessage { ClientHardwareAddress = Mac.GetAddressBytes() }), IPAddress.Parse("10.0.2.2"), DateTimeOffset.UnixEpoch);

        var result = await client.RenewAsync(old, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        var (request, destination) = transport.Sent.ShouldHaveSingleItem();
        destination.ShouldBe(new IPEndPoint(IPAddress.Parse("10.0.2.2"), 67));
        request.ClientAddress.ShouldBe(IPAddress.Parse("10.0.2.15"));
        request.IsBroadcast.ShouldBeFalse();
        request.Options.Get(DhcpOptionCode.RequestedIpAddress).ShouldBeNull();
        request.Options.Get(DhcpOptionCode.ServerIdentifier).ShouldBeNull();
    }

    private static DhcpMessage Ack(DhcpMessage request, string address = "10.0.2.15")
    {
        var ack = FakeDhcpTransport.Reply(request, DhcpMessageType.Ack, address);
        ack.Options
            .Set(DhcpOptionCode.SubnetMask, IPAddress.Parse("255.255.255.0"))
            .Set(DhcpOptionCode.Router, IPAddress.Parse("10.0.2.2"))
            .Set(DhcpOptionCode.DomainNameServer, IPAddress.Parse("10.0.2.3"))
            .Set(DhcpOptionCode.DomainName, "example.internal"u8)
            .Set(DhcpOptionCode.HostName, "hull-1"u8)
            .Set(DhcpOptionCode.InterfaceMtu, [0x05, 0x78])
            .Set(DhcpOptionCode.LeaseTime, 3600u);
        return ack;
    }

    private static byte[] Garbage() => [1, 2, 3];
}
