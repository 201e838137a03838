namespace Hull.Init;

/// <summary>Brings the network up in the background so a slow DHCP server never holds up the API on the Unix socket.</summary>
internal static class HostNetwork
{
    public static void Start(TextWriter console)
    {
        console.WriteLine("hull: init: network: not configured yet");
    }
}
