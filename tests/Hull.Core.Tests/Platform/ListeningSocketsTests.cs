using System.Net;
using System.Net.Sockets;
using Hull.Platform;

namespace Hull.Core.Tests.Platform;

public sealed class ListeningSocketsTests : IDisposable
{
    private const string TcpHeader = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    private const string UnixHeader = "Num       RefCount Protocol Flags    Type St Inode Path\n";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Parse_KernelRows_CountsListenersUnconnectedUdpAndNamedUnixSocketsOnly()
    {
        var tcp = TcpHeader +
            "   0: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 101 1 0 100 0 0 10 0\n" +   // listening
            "   1: 0100007F:01BB 0100007F:A2C4 01 00000000:00000000 00:00000000 00000000     0        0 102 1 0 20 4 30 10 -1\n";    // established
        var udp = TcpHeader.Replace("retrnsmt", "ref pointer drops", StringComparison.Ordinal) +
            "  10: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 103 2 0 0\n" +           // bound, unconnected
            "  11: 0F02000A:8D3A 0202000A:0035 01 00000000:00000000 00:00000000 00000000     0        0 104 2 0 0\n";            // connected
        var unix = UnixHeader +
            "0000000000000000: 00000002 00000000 00010000 0001 01 201 /run/api.sock\n" +   // stream, listening
            "0000000000000000: 00000003 00000000 00000000 0001 03 202 /run/api.sock\n" +   // accepted connection
            "0000000000000000: 00000002 00000000 00000000 0002 01 203 /run/dev-log\n" +    // datagram, bound
            "0000000000000000: 00000006 00000000 00000000 0002 03 206 /run/journal\n" +    // datagram, bound, shown connected
            "0000000000000000: 00000002 00000000 00000000 0002 01 204\n" +                 // datagram, anonymous
            "0000000000000000: 00000003 00000000 00000000 0001 03 205\n";                  // anonymous stream pair

        ListeningSockets.Parse(tcp, udp, unix).ShouldBe(new ListeningSockets(1, 1, 3));
    }

    [Fact]
    public void Parse_EmptyOrGarbled_CountsNothing()
    {
        ListeningSockets.Parse("", "", "").Total.ShouldBe(0);
        ListeningSockets.Parse(TcpHeader + "0: zz 0A\n", "garbage", UnixHeader + "x: 1 2 zz 0001 01 3 /p\n").Total.ShouldBe(0);
    }

    [Fact]
    public void Read_MissingTables_CountsNothing()
    {
        ListeningSockets.Read(_temp.File("no-such-proc-net")).ShouldBe(new ListeningSockets(0, 0, 0));
    }

    [Fact]
    public void Parse_SocketsOfThisProcess_EachKindCountedFromTheRealKernelTables()
    {
        // The build machine's own tables change under other processes: count only the rows of these sockets.
        using var tcpListener = new TcpListener(IPAddress.Loopback, 0);
        tcpListener.Start();
        using var tcpClient = new TcpClient(AddressFamily.InterNetwork); // the default is a dual-mode IPv6 socket, listed in tcp6
        tcpClient.Connect((IPEndPoint)tcpListener.LocalEndpoint);
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var unixListener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var streamPath = _temp.File("stream.sock");
        unixListener.Bind(new UnixDomainSocketEndPoint(streamPath));
        unixListener.Listen();
        using var unixDatagram = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        var datagramPath = _temp.File("dgram.sock");
        unixDatagram.Bind(new UnixDomainSocketEndPoint(datagramPath));

        var tcpPort = $":{((IPEndPoint)tcpListener.LocalEndpoint).Port:X4} ";
        var udpPort = $":{((IPEndPoint)udp.Client.LocalEndPoint!).Port:X4} ";
        string Rows(string table, string needle) =>
            string.Concat(File.ReadAllLines($"/proc/net/{table}").Where(l => l.Contains(needle, StringComparison.Ordinal)).Select(l => l + "\n"));

        var tcpRows = Rows("tcp", tcpPort);
        tcpRows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3); // the listener and both ends of the connection
        ListeningSockets.Parse(tcpRows, Rows("udp", udpPort), Rows("unix", streamPath) + Rows("unix", datagramPath))
            .ShouldBe(new ListeningSockets(1, 1, 2));
    }
}
