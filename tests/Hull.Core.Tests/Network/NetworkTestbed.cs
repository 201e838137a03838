using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hull.Core.Tests.Network;

/// <summary>
/// Two throw-away network namespaces joined by a veth pair: the client end (<see cref="ClientInterface"/>)
/// in <see cref="ClientNamespace"/>, the server end in <see cref="ServerNamespace"/> with 10.250.77.1/24
/// and, optionally, dnsmasq serving DHCP on it. Nothing touches the host's own interfaces, and
/// everything is torn down on dispose, also when setting up failed halfway.
/// </summary>
internal sealed class NetworkTestbed : IDisposable
{
    public const string ClientInterface = "hull0";
    public const string ClientMac = "02:48:55:4c:4c:01";
    public const string ServerInterface = "hullsrv0";
    public const string Subnet = "10.250.77";

    private readonly List<string> _namespaces = [];
    private readonly ConcurrentQueue<string> _dnsmasqOutput = new();
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hull-dhcp-");
    private Process? _dnsmasq;

    private NetworkTestbed()
    {
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
        ClientNamespace = $"hull-dhcp-{id}-c";
        ServerNamespace = $"hull-dhcp-{id}-s";
    }

    public string ClientNamespace { get; }

    public string ServerNamespace { get; }

    public string DnsmasqOutput => string.Join('\n', _dnsmasqOutput);

    /// <summary>Why the testbed cannot be built here, or null if it can.</summary>
    public static string? SkipReason()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return "needs root on Linux to create network namespaces";
        }

        if (FindTool("ip") is null)
        {
            return "needs iproute2 ('ip' not found)";
        }

        return FindTool("dnsmasq") is null ? "needs dnsmasq (apt-get install dnsmasq-base)" : null;
    }

    public static NetworkTestbed Create(bool withDhcpServer)
    {
        var bed = new NetworkTestbed();
        try
        {
            bed.Build(withDhcpServer);
            return bed;
        }
        catch
        {
            bed.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>ip</c> inside the client namespace and returns its output.</summary>
    public string IpInClient(params string[] arguments) => Run("ip", ["-n", ClientNamespace, .. arguments]);

    public void Dispose()
    {
        if (_dnsmasq is { } dnsmasq)
        {
            try
            {
                if (!dnsmasq.HasExited)
                {
                    dnsmasq.Kill(entireProcessTree: true);
                    dnsmasq.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            dnsmasq.Dispose();
        }

        // Deleting a namespace destroys the veth end inside it, and with it the peer.
        foreach (var name in _namespaces)
        {
            TryRun("ip", "netns", "del", name);
        }

        _directory.Delete(recursive: true);
    }

    private void Build(bool withDhcpServer)
    {
        Run("ip", "netns", "add", ServerNamespace);
        _namespaces.Add(ServerNamespace);
        Run("ip", "netns", "add", ClientNamespace);
        _namespaces.Add(ClientNamespace);

        // Created inside the client namespace with its peer placed straight into the server one.
        Run("ip", "-n", ClientNamespace, "link", "add", ClientInterface, "address", ClientMac,
            "type", "veth", "peer", "name", ServerInterface, "netns", ServerNamespace);
        Run("ip", "-n", ServerNamespace, "addr", "add", $"{Subnet}.1/24", "dev", ServerInterface);
        Run("ip", "-n", ServerNamespace, "link", "set", ServerInterface, "up");
        if (withDhcpServer)
        {
            StartDnsmasq();
        }
    }

    private void StartDnsmasq()
    {
        var start = new ProcessStartInfo(FindTool("ip")!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        string[] arguments =
        [
            "netns", "exec", ServerNamespace, FindTool("dnsmasq")!,
            "--keep-in-foreground",
            "--conf-file=/dev/null",
            "--port=0", // no DNS, DHCP only
            $"--interface={ServerInterface}",
            "--bind-interfaces",
            "--except-interface=lo",
            "--user=root",
            "--no-ping",
            "--log-dhcp",
            "--log-facility=-",
            $"--pid-file={Path.Combine(_directory.FullName, "dnsmasq.pid")}",
            $"--dhcp-leasefile={Path.Combine(_directory.FullName, "leases")}",
            $"--dhcp-range={Subnet}.100,{Subnet}.150,255.255.255.0,1h",
            $"--dhcp-host={ClientMac},{Subnet}.23,hulltest",
            $"--dhcp-option=option:router,{Subnet}.1",
            $"--dhcp-option=option:dns-server,{Subnet}.53,{Subnet}.54",
            "--dhcp-option=option:domain-name,hull.test",
            "--dhcp-option=option:mtu,1400",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var started = new ManualResetEventSlim();
        _dnsmasq = new Process { StartInfo = start };
        _dnsmasq.ErrorDataReceived += (_, e) => Collect(e.Data, started);
        _dnsmasq.OutputDataReceived += (_, e) => Collect(e.Data, started);
        _dnsmasq.Start();
        _dnsmasq.BeginErrorReadLine();
        _dnsmasq.BeginOutputReadLine();

        // dnsmasq logs "started" once its sockets are bound; the DHCP client's retries cover any gap.
        if (!started.Wait(TimeSpan.FromSeconds(10)) || _dnsmasq.HasExited)
        {
            throw new InvalidOperationException($"dnsmasq did not start:\n{DnsmasqOutput}");
        }
    }

    private void Collect(string? line, ManualResetEventSlim started)
    {
        if (line is null)
        {
            return;
        }

        _dnsmasqOutput.Enqueue(line);
        if (line.Contains("started", StringComparison.Ordinal))
        {
            started.Set();
        }
    }

    private static string Run(string tool, params string[] arguments)
    {
        var (exitCode, output, error) = Execute(tool, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({exitCode}): {error}");
        }

        return output;
    }

    private static void TryRun(string tool, params string[] arguments) => Execute(tool, arguments);

    private static (int ExitCode, string Output, string Error) Execute(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(FindTool(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }

    private static string? FindTool(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
