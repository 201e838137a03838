using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hull.Api;
using Hull.Builder.Build;
using Hull.Builder.Disk;
using Hull.Builder.Qemu;
using Hull.Builder.Tools;

namespace Hull.Builder.Run;

/// <summary>
/// Boots a built image in QEMU the way `hull run` and the end-to-end tests need it: a
/// copy-on-write overlay over the disk, its own firmware variables (Secure Boot enforced,
/// the image's keys enrolled) or a direct kernel boot, fresh mutual-TLS trust handed over as
/// user data (fw_cfg, or a config drive), and the API forwarded to 127.0.0.1.
/// </summary>
internal static class InstanceLauncher
{
    public const int GuestApiPort = 443;

    /// <param name="build">The build to boot.</param>
    /// <param name="directory">The instance's folder (made anew).</param>
    /// <param name="name">The instance's name.</param>
    /// <param name="direct">Direct kernel boot instead of OVMF with Secure Boot.</param>
    /// <param name="diskSize">Size of the instance's disk, as qemu-img takes it.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="extraUserData">More user data TOML, after the API's own table (e.g. <c>[settings.network]</c>).</param>
    /// <param name="publish">Guest TCP ports reachable on the build machine's 127.0.0.1 (host port, guest port), besides the API's.</param>
    /// <param name="guestServices">Build-machine services on 127.0.0.1 the guest reaches at <see cref="QemuMachine.GuestServiceAddress"/> (guest port, host port).</param>
    /// <param name="configDrive">Hand the user data over on a HULLDATA config drive (<see cref="ConfigDriveImage"/>) instead of fw_cfg.</param>
    /// <param name="powerCuts">The machine will lose power (<see cref="PowerCycleAsync"/>): its disk honours flushes (<see cref="QemuMachine.HonourFlushes"/>).</param>
    /// <param name="coldReboots">
    /// A guest reboot ends QEMU (-no-reboot) instead of resetting it in place, and one console runs across processes; the
    /// caller starts the machine again with <see cref="RelaunchAsync"/> when <see cref="RebootedSinceLaunch"/> says so.
    /// </param>
    public static async Task<Instance> StartAsync(
        BuildManifest build, string directory, string name, bool direct, string diskSize, CancellationToken cancellationToken, string? extraUserData = null,
        IReadOnlyList<(int HostPort, int GuestPort)>? publish = null, IReadOnlyList<(int GuestPort, int HostPort)>? guestServices = null, bool configDrive = false,
        bool powerCuts = false, bool coldReboots = false)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var tls = TlsMaterial.Create(Path.Combine(directory, "tls"), TimeProvider.System);
        var userData = Path.Combine(directory, "user-data.toml");
        await File.WriteAllTextAsync(userData, tls.UserData(GuestApiPort) + (extraUserData ?? ""), cancellationToken).ConfigureAwait(false);
        string? drive = null;
        if (configDrive)
        {
            // fw_cfg would win over the drive on the host, so the user data goes only on the drive.
            drive = Path.Combine(directory, "config-drive.img");
            await ConfigDriveImage.BuildAsync(userData, drive, cancellationToken).ConfigureAwait(false);
        }

        var overlay = Path.Combine(directory, "disk.qcow2");
        await Tool.RunAsync("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", build.Disk, overlay, diskSize], cancellationToken: cancellationToken).ConfigureAwait(false);
        string? vars = null;
        if (!direct)
        {
            vars = Path.Combine(directory, "OVMF_VARS.fd");
            File.Copy(build.OvmfVars, vars);
        }

        var port = FreeLoopbackPort();
        var pidFile = Path.Combine(directory, "qemu.pid");
        var machine = new QemuMachine
        {
            OvmfVars = vars,
            Direct = direct ? (build.Kernel, build.Initramfs, await File.ReadAllTextAsync(build.CommandLineA, cancellationToken).ConfigureAwait(false)) : null,
            Disk = overlay,
            DiskIsQcow2 = true,
            HonourFlushes = powerCuts,
            NoReboot = coldReboots,
            AppendSerial = coldReboots,
            UserData = configDrive ? null : userData,
            ReadOnlyDrives = drive is null ? [] : [drive],
            Forwards = [(port, GuestApiPort), .. publish ?? []],
            GuestServices = guestServices ?? [],
            SerialLog = Path.Combine(directory, "serial.log"),
            QmpSocket = Path.Combine(directory, "qmp.sock"),
            PidFile = pidFile,
        };
        var instance = new Instance(name, directory, await LaunchAsync(machine, cancellationToken).ConfigureAwait(false), port, machine.SerialLog, direct) { Machine = machine };
        instance.Save();
        return instance;
    }

    /// <summary>
    /// Pulls the plug: SIGKILL to QEMU, so the guest neither stops nor flushes anything, then starts the same machine again
    /// on the same disk and firmware variables, as a power cut and power-on would. The console of the run before is kept
    /// as serial.log.N.
    /// </summary>
    public static async Task<Instance> PowerCycleAsync(Instance instance, CancellationToken cancellationToken)
    {
        var machine = instance.Machine ?? throw new InvalidOperationException($"{instance.Name} was not started by this process, so its machine is not known");
        try
        {
            using var process = Process.GetProcessById(instance.Pid);
            process.Kill();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        var kept = Enumerable.Range(1, 100).Select(n => $"{machine.SerialLog}.{n}").First(f => !File.Exists(f));
        File.Copy(machine.SerialLog, kept);
        if (machine.AppendSerial)
        {
            File.WriteAllText(machine.SerialLog, "");
        }

        return await RelaunchAsync(instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the instance's machine again (same disk, firmware variables and console) after its QEMU ended.</summary>
    public static async Task<Instance> RelaunchAsync(Instance instance, CancellationToken cancellationToken)
    {
        var machine = instance.Machine ?? throw new InvalidOperationException($"{instance.Name} was not started by this process, so its machine is not known");
        var next = instance with { Pid = await LaunchAsync(machine, cancellationToken).ConfigureAwait(false), ConsoleOffset = new FileInfo(machine.SerialLog).Length };
        next.Save();
        return next;
    }

    /// <summary>
    /// Whether the guest asked for a reboot since QEMU was last launched: with <c>coldReboots</c>, QEMU then ends and must be
    /// started again (a power-off ends it too, and is not a reboot).
    /// </summary>
    public static bool RebootedSinceLaunch(Instance instance)
    {
        if (instance.IsRunning() || !File.Exists(instance.SerialLog))
        {
            return false;
        }

        using var stream = new FileStream(instance.SerialLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Position = Math.Min(instance.ConsoleOffset, stream.Length);
        var console = new StreamReader(stream).ReadToEnd();
        return RebootMarks.Any(mark => console.Contains(mark, StringComparison.Ordinal));
    }

    // What the kernel prints as it resets the machine: an orderly reboot, the softdog watchdog firing, a panic (panic=N).
    private static readonly string[] RebootMarks = ["reboot: Restarting system", "softdog: Initiating system reboot", "Rebooting in "];

    // Starts the daemonized QEMU and returns its pid.
    private static async Task<int> LaunchAsync(QemuMachine machine, CancellationToken cancellationToken)
    {
        using (var qemu = machine.Start())
        {
            await qemu.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (qemu.ExitCode != 0)
            {
                throw new ToolException($"qemu-system-x86_64 failed to start: {await qemu.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)}");
            }
        }

        return int.Parse((await File.ReadAllTextAsync(machine.PidFile!, cancellationToken).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Polls GET /os over mutual TLS until it answers, QEMU exits, or <paramref name="timeout"/> passes.</summary>
    public static async Task<OsInfo> WaitForApiAsync(Instance instance, TimeSpan timeout, Action<string>? tick, CancellationToken cancellationToken, TimeSpan? pollInterval = null)
    {
        var clock = Stopwatch.StartNew();
        using var client = ApiClient.ForRemote(instance.ApiAddress, instance.Tls.LoadClient(), instance.Tls.LoadCa());
        client.Timeout = TimeSpan.FromSeconds(5);
        while (true)
        {
            if (!instance.IsRunning())
            {
                throw new ToolException($"QEMU exited before the API answered; console log: {instance.SerialLog}");
            }

            try
            {
                var json = await client.GetStringAsync("/os", cancellationToken).ConfigureAwait(false);
                return System.Text.Json.JsonSerializer.Deserialize(json, ApiJsonContext.Default.OsInfo)!;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                if (clock.Elapsed > timeout)
                {
                    throw new ToolException($"the API did not answer within {timeout.TotalSeconds:F0} s; console log: {instance.SerialLog}");
                }

                tick?.Invoke($"{clock.Elapsed.TotalSeconds:F0} s");
                await Task.Delay(pollInterval ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Stops the instance: with <paramref name="graceful"/>, presses the ACPI power button and
    /// gives the host <paramref name="grace"/> to stop its services and unmount; then ends QEMU
    /// (SIGTERM, then SIGKILL).
    /// </summary>
    public static async Task StopAsync(Instance instance, bool graceful = false, TimeSpan? grace = null)
    {
        if (graceful && instance.IsRunning() && await QmpClient.PowerDownAsync(Path.Combine(instance.Directory, "qmp.sock"), CancellationToken.None).ConfigureAwait(false))
        {
            var deadline = DateTime.UtcNow + (grace ?? TimeSpan.FromSeconds(60));
            while (instance.IsRunning() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
        }

        try
        {
            using var process = Process.GetProcessById(instance.Pid);
            if (!process.ProcessName.StartsWith("qemu", StringComparison.Ordinal))
            {
                return;
            }

            Interop.Libc.Kill(instance.Pid, Interop.Libc.SIGTERM);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
