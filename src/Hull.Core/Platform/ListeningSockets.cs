using System.Globalization;

namespace Hull.Platform;

/// <summary>
/// Sockets in a network namespace that anyone can reach, counted from /proc/net: TCP sockets in LISTEN, UDP sockets
/// not connected to a peer (they take datagrams from anyone), and Unix sockets that listen (stream, seqpacket) or are
/// datagram sockets bound to a name — what `ss -l` lists, less anonymous Unix sockets.
/// </summary>
internal sealed record ListeningSockets(int Tcp, int Udp, int Unix)
{
    // include/net/tcp_states.h: TCP_LISTEN; an unconnected UDP socket stays in TCP_CLOSE.
    private const int TcpListen = 0x0A;
    private const int UdpUnconnected = 0x07;

    // include/linux/net.h: __SO_ACCEPTCON in the Flags column, SOCK_DGRAM in Type.
    private const int AcceptConnections = 0x10000;
    private const int SocketDatagram = 2;

    /// <summary>All three together.</summary>
    public int Total => Tcp + Udp + Unix;

    /// <summary>Counts the sockets of the namespace whose /proc/net folder is <paramref name="procNet"/>; a missing table (no IPv6) counts none.</summary>
    public static ListeningSockets Read(string procNet = "/proc/net")
    {
        string Table(string name) => File.Exists(Path.Combine(procNet, name)) ? File.ReadAllText(Path.Combine(procNet, name)) : "";
        return Parse(Table("tcp") + Table("tcp6"), Table("udp") + Table("udp6"), Table("unix"));
    }

    /// <summary>Counts from the text of /proc/net/tcp and tcp6, udp and udp6 (each pair may be concatenated), and unix.</summary>
    public static ListeningSockets Parse(string tcp, string udp, string unix) =>
        new(CountInet(tcp, TcpListen), CountInet(udp, UdpUnconnected), CountUnix(unix));

    // "  sl  local_address rem_address   st ...": the state is the fourth column, in hex. Header lines do not parse.
    private static int CountInet(string table, int state) =>
        Rows(table).Count(f => f.Length > 3 && f[0].EndsWith(':') && Hex(f[3]) == state);

    // "Num RefCount Protocol Flags Type St Inode Path": Flags and Type in hex; Path is the socket's own name, only when
    // bound. A datagram socket's St says little (journald's socket, passed on by PID 1, shows connected); its name is
    // what makes it reachable. An accepted stream connection shows its listener's name but no __SO_ACCEPTCON.
    private static int CountUnix(string table) =>
        Rows(table).Count(f => f.Length > 6 && f[0].EndsWith(':') && Hex(f[3]) is { } flags && Hex(f[4]) is { } type
            && ((flags & AcceptConnections) != 0 || (type == SocketDatagram && f.Length > 7)));

    private static IEnumerable<string[]> Rows(string table) =>
        table.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static int? Hex(string text) =>
        int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : null;
}
