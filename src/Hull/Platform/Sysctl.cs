namespace Hull.Platform;

/// <summary>Sysctl names and their files: net.ipv4.ip_forward is /proc/sys/net/ipv4/ip_forward.</summary>
internal static class Sysctl
{
    /// <summary>The path of <paramref name="name"/> under /proc/sys, without the leading '/'. Callers have already refused '/' and '..' in names.</summary>
    public static string RelativePath(string name) => "proc/sys/" + name.Replace('.', '/');
}
