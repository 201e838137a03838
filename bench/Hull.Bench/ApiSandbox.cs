using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hull.Api;
using Hull.Builder.Run;
using Hull.Testing;

namespace Hull.Bench;

/// <summary>
/// `hull apiserver` as a sandbox on the build machine: its own socket, state and root under a scratch folder, and user
/// data that turns on its remote listener (mutual TLS; on 127.0.0.1 in a sandbox) at a free port, with the certificates
/// `hull run` makes for an instance. The port is free when asked for; should another process take it before the
/// apiserver binds it, the apiserver exits and the run fails with its error rather than measuring something else.
/// </summary>
internal sealed class ApiSandbox
{
    private readonly string _scratch;

    private ApiSandbox(string scratch, TlsMaterial tls, int port)
    {
        _scratch = scratch;
        Tls = tls;
        RemoteAddress = new Uri($"https://127.0.0.1:{port}/");
    }

    public string Socket => Path.Combine(_scratch, "api.sock");

    public TlsMaterial Tls { get; }

    public Uri RemoteAddress { get; }

    /// <summary>A fresh sandbox under <paramref name="scratch"/> (whatever was there is deleted).</summary>
    public static ApiSandbox Create(string scratch)
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(scratch, "root", "etc"));
        Directory.CreateDirectory(Path.Combine(scratch, "state"));
        var sandbox = new ApiSandbox(scratch, TlsMaterial.Create(Path.Combine(scratch, "tls"), TimeProvider.System), LoopbackPort.Free());
        File.WriteAllText(Path.Combine(scratch, "state", "user-data.toml"), sandbox.Tls.UserData(sandbox.RemoteAddress.Port));
        return sandbox;
    }

    /// <summary>A client over <paramref name="transport"/>; each holds its own connection.</summary>
    public HttpClient Client(ApiTransport transport) => transport switch
    {
        ApiTransport.Unix => ApiClient.ForUnixSocket(Socket),
        ApiTransport.MutualTls => ApiClient.ForRemote(RemoteAddress, Tls.LoadClient(), Tls.LoadCa()),
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };

    /// <summary>Spawns <paramref name="hullBinary"/> as this sandbox's apiserver.</summary>
    public Process Start(string hullBinary)
    {
        var start = new ProcessStartInfo(hullBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["apiserver", "--socket", Socket, "--state", Path.Combine(_scratch, "state"), "--root", Path.Combine(_scratch, "root")])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        return Process.Start(start)!;
    }

    /// <summary>The Unix socket's address.</summary>
    public EndPoint SocketEndPoint => new UnixDomainSocketEndPoint(Socket);

    /// <summary>The remote listener's address.</summary>
    public EndPoint RemoteEndPoint => new IPEndPoint(IPAddress.Loopback, RemoteAddress.Port);

    /// <summary>Waits until <paramref name="endPoint"/> accepts a connection (for the socket, PID 1's readiness check); polled every millisecond.</summary>
    public static async Task WaitUntilAcceptsAsync(Process server, EndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!Accepts(endPoint))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"hull apiserver exited ({server.ExitCode}): {await server.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"hull apiserver: {endPoint} did not accept within {timeout.TotalSeconds} s");
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Kills <paramref name="server"/> and waits for it to go.</summary>
    public static async Task StopAsync(Process server)
    {
        server.Kill();
        await server.WaitForExitAsync(CancellationToken.None);
    }

    private static bool Accepts(EndPoint endPoint)
    {
        try
        {
            using var socket = endPoint is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(endPoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
