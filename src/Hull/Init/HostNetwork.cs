using Hull.Network;
using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// Brings the network up in the background (loopback, then DHCPv4 on the first Ethernet
/// link), so a slow DHCP server never holds up the API on its Unix socket.
/// </summary>
internal static class HostNetwork
{
    public static Task StartAsync(TextWriter console, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        try
        {
            using var netlink = Netlink.Open();
            var configurator = new NetworkConfigurator(netlink, m => console.WriteLine($"hull: network: {m}"));
            var link = await WaitForEthernetAsync(netlink, cancellationToken).ConfigureAwait(false);
            if (link is null)
            {
                console.WriteLine("hull: network: no Ethernet interface found");
                return;
            }

            var result = await configurator.ConfigureAsync(link.Name, cancellationToken).ConfigureAwait(false);
            if (result is { Succeeded: true, Lease: { } lease })
            {
                // settings.dns, when set, wins over the lease (the apiserver wrote it, maybe before DHCP finished).
                var current = File.Exists("/etc/resolv.conf") ? await File.ReadAllTextAsync("/etc/resolv.conf", cancellationToken).ConfigureAwait(false) : "";
                if (!current.StartsWith($"# Written by hull from {Settings.ConfigurationFiles.DnsSettingsSource}.", StringComparison.Ordinal))
                {
                    await File.WriteAllTextAsync("/etc/resolv.conf", ResolvConf.Render(lease), cancellationToken).ConfigureAwait(false);
                }
                console.WriteLine($"hull: network: {link.Name} {lease.Address}/{lease.PrefixLength} via {lease.Router}");
                BootTimeline.Mark($"network.configured {link.Name}");
            }
            else
            {
                console.WriteLine($"hull: network: {link.Name}: {result.Error}");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.WriteLine($"hull: network: {e.Message}");
        }
    }, cancellationToken);

    // virtio_net probes asynchronously after its module loads: give the link a moment to appear.
    private static async Task<NetworkLink?> WaitForEthernetAsync(Netlink netlink, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 100; i++)
        {
            var link = netlink.ListLinks().FirstOrDefault(l => !l.IsLoopback && l.Address is { } mac && mac.GetAddressBytes().Length == 6);
            if (link is not null)
            {
                return link;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
