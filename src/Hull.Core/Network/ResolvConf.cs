using System.Net;
using System.Text;

namespace Hull.Network;

/// <summary>Renders /etc/resolv.conf (resolv.conf(5)). Pure: the caller writes the file.</summary>
internal static class ResolvConf
{
    /// <summary>glibc reads at most MAXNS = 3 nameserver lines; more would be silently ignored.</summary>
    public const int MaximumNameServers = 3;

    /// <summary>The file for a DHCP lease: its DNS servers and domain.</summary>
    public static string Render(DhcpLease lease) =>
        Render(lease.DnsServers, lease.DomainName, $"the DHCP lease on {lease.InterfaceName}");

    /// <summary>
    /// The file for the given servers and space-separated search domains. Names that are not plain
    /// DNS names are dropped, so nothing from the network can add a line of its own.
    /// </summary>
    public static string Render(IReadOnlyList<IPAddress> nameServers, string? searchDomains, string source)
    {
        var text = new StringBuilder();
        text.Append("# Written by hull from ").Append(source.ReplaceLineEndings(" ")).Append(".\n");
        if (DnsName.Sanitize(searchDomains, allowList: true) is { } search)
        {
            text.Append("search ").Append(search).Append('\n');
        }

        foreach (var server in nameServers.Take(MaximumNameServers))
        {
            text.Append("nameserver ").Append(server).Append('\n');
        }

        return text.ToString();
    }
}
