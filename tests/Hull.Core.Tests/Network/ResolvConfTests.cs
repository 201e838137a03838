using System.Net;
using Hull.Network;

namespace Hull.Core.Tests.Network;

public sealed class ResolvConfTests
{
    [Fact]
    public void Render_Lease_WritesSearchAndNameservers()
    {
        var lease = Lease(["10.0.2.3", "1.1.1.1"], "example.internal");

        var text = ResolvConf.Render(lease);

        text.ShouldBe("""
            # Written by hull from the DHCP lease on eth0.
            search example.internal
            nameserver 10.0.2.3
            nameserver 1.1.1.1

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_MoreThanThreeServers_KeepsTheFirstThree()
    {
        var text = ResolvConf.Render(Lease(["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"], null));

        text.Split('\n').Count(line => line.StartsWith("nameserver ")).ShouldBe(3);
        text.ShouldNotContain("10.0.0.4");
        text.ShouldNotContain("search");
    }

    [Fact]
    public void Render_DomainWithNewline_DropsItSoNoLineCanBeInjected()
    {
        var text = ResolvConf.Render([IPAddress.Parse("10.0.0.1")], "evil.test\nnameserver 6.6.6.6", "test");

        text.ShouldNotContain("6.6.6.6");
        text.ShouldNotContain("search");
    }

    [Fact]
    public void Render_SpaceSeparatedSearchList_KeepsEveryEntry()
    {
        var text = ResolvConf.Render([], "a.example  b.example.", "test");

        text.ShouldContain("search a.example b.example\n");
    }

    [Fact]
    public void Render_SearchListWithInvalidEntry_DropsTheWholeList()
    {
        var text = ResolvConf.Render([], "a.example bad;name", "test");

        text.ShouldNotContain("search");
    }

    private static DhcpLease Lease(string[] dns, string? domain) => new(
        "eth0",
        IPAddress.Parse("10.0.2.15"),
        24,
        IPAddress.Parse("10.0.2.255"),
        IPAddress.Parse("10.0.2.2"),
        [.. dns.Select(IPAddress.Parse)],
        domain,
        null,
        null,
        IPAddress.Parse("10.0.2.2"),
        TimeSpan.FromHours(1),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromMinutes(52.5),
        DateTimeOffset.UnixEpoch);
}
