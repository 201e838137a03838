using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hull.Testing;

/// <summary>
/// A real NTP server for the tests: Debian's chronyd, serving its own clock at stratum 8 on
/// 127.0.0.1, never touching the machine's clock (-x), stopped on dispose.
/// </summary>
public sealed class ChronyServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private ChronyServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public const int Stratum = 8;

    public int Port { get; }

    /// <summary>Starts chronyd on <paramref name="port"/> (0: a free one) and waits until it answers.</summary>
    public static ChronyServer Start(int port = 0)
    {
        const string chronyd = "/usr/sbin/chronyd";
        File.Exists(chronyd).ShouldBeTrue("chronyd is missing: run ./hull setup (it installs chrony)");
        port = port == 0 ? FreeUdpPort() : port;
        var directory = Directory.CreateTempSubdirectory("hull-chrony-").FullName;
        var config = Path.Combine(directory, "chrony.conf");
        File.WriteAllText(config, $"""
            port {port}
            bindaddress 127.0.0.1
            local stratum {Stratum}
            allow 127.0.0.1
            cmdport 0
            pidfile {directory}/chronyd.pid
            driftfile {directory}/drift

            """);
        var start = new ProcessStartInfo(chronyd) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-d", "-x", "-f", config])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var server = new ChronyServer(process, directory, port);
        server.WaitUntilServing();
        return server;
    }

    private void WaitUntilServing()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveTimeout = 200;
        var request = new byte[48];
        request[0] = 0x23;
        for (var i = 0; i < 50; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"chronyd exited: {_process.StandardError.ReadToEnd()}");
            }

            try
            {
                socket.SendTo(request, new IPEndPoint(IPAddress.Loopback, Port));
                var answer = new byte[64];
                if (socket.Receive(answer) >= 48)
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
        }

        throw new TimeoutException($"chronyd did not answer on 127.0.0.1:{Port}");
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
