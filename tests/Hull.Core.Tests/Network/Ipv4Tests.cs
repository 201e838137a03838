using System.Net;
using Hull.Network;

namespace Hull.Core.Tests.Network;

public sealed class Ipv4Tests
{
    [Theory]
    [InlineData("255.255.255.0", 24)]
    [InlineData("255.255.254.0", 23)]
    [InlineData("255.255.255.255", 32)]
    [InlineData("0.0.0.0", 0)]
    public void PrefixLength_ContiguousMask_ReturnsLength(string mask, int expected) =>
        Ipv4.PrefixLength(IPAddress.Parse(mask)).ShouldBe(expected);

    [Fact]
    public void PrefixLength_MaskWithHole_ReturnsNull() =>
        Ipv4.PrefixLength(IPAddress.Parse("255.0.255.0")).ShouldBeNull();

    [Fact]
    public void Broadcast_Slash20_SetsHostBits() =>
        Ipv4.Broadcast(IPAddress.Parse("172.16.5.9"), 20).ShouldBe(IPAddress.Parse("172.16.15.255"));

    [Fact]
    public void SameSubnet_GatewayOutsideSlash32_IsFalse()
    {
        Ipv4.SameSubnet(IPAddress.Parse("10.1.2.3"), 32, IPAddress.Parse("10.1.2.1")).ShouldBeFalse();
        Ipv4.SameSubnet(IPAddress.Parse("10.1.2.3"), 24, IPAddress.Parse("10.1.2.1")).ShouldBeTrue();
    }

    [Fact]
    public void Network_ClearsHostBits() =>
        Ipv4.Network(IPAddress.Parse("192.168.7.200"), 25).ShouldBe(IPAddress.Parse("192.168.7.128"));
}
