using System.Runtime.InteropServices;
using Hull.Interop;
using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// PID 1 on the verified root: mounts, storage, /etc, network, then the services, which it
/// supervises until asked to reboot or power off (SIGTERM reboots, SIGUSR2 powers off, as
/// with busybox init; the API sends them; the ACPI power button powers off).
/// </summary>
internal static class Pid1
{
    private const string StatusFile = "/run/hull/services.json";

    public static int Run()
    {
        var powerAction = Libc.RB_AUTOBOOT;
        using var stopping = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; powerAction = Libc.RB_AUTOBOOT; stopping.Cancel(); });
        using var onUsr2 = PosixSignalRegistration.Create((PosixSignal)Libc.SIGUSR2, c => { c.Cancel = true; powerAction = Libc.RB_POWER_OFF; stopping.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; powerAction = Libc.RB_AUTOBOOT; stopping.Cancel(); });

        try
        {
            SystemMounts.MountAll();
            BootTimeline.Mark("init.start");
            EtcFiles.WriteBase(Settings.ConfigurationFiles.DefaultHostname);
            Libc.SetHostname(Settings.ConfigurationFiles.DefaultHostname); // until settings.network.hostname says otherwise

            // Modules load once STATE says which ones settings.kernel.modules keeps out; on first boot (STATE not yet
            // formatted) nothing is kept out, so they load while storage is formatted. The disk's driver came with the
            // initramfs. User data (fw_cfg, a config drive), efivars, the power button and the network wait for them.
            var firstBoot = !Storage.HasExt4Superblock(BlockDevices.WaitForPartition("STATE", TimeSpan.FromSeconds(10)));
            var modules = firstBoot ? LoadModulesAsync(new HashSet<string>()) : null;
            Storage.MountAll();
            modules ??= LoadModulesAsync(ModuleLoader.ReadBlocked(KernelModules.BlockedListFile));
            MachineIdentity.Ensure("/var/lib/hull/machine-id", "/etc/machine-id");
            var (loaded, failures, blocked) = modules.GetAwaiter().GetResult();
            foreach (var message in failures.Concat(blocked))
            {
                Console.WriteLine($"hull: init: {message}");
            }

            BootTimeline.Mark($"init.modules-loaded {loaded}");
            SystemMounts.MountFirmwareFileSystems();
            EspMount.Mount(Console.Out);
            PowerButton.Watch(() => { powerAction = Libc.RB_POWER_OFF; stopping.Cancel(); }, Console.Out, stopping.Token);
            UserDataImport.ImportOnFirstBoot(UserDataImport.PlatformSources(), Api.ApiServer.UserDataCopy, Console.Out);
            _ = HostNetwork.StartAsync(Console.Out, stopping.Token);

            var supervisor = new Supervisor(Services.Definitions(), StatusFile, "/var/log/hull", Console.Out);
            using var control = StartControl(supervisor);
            var supervising = supervisor.RunAsync(stopping.Token);
            Console.WriteLine("hull: init: services started");
            _ = BootAssessor.RunAsync(supervisor.IsReady, () => { powerAction = Libc.RB_AUTOBOOT; stopping.Cancel(); }, Console.Out, stopping.Token);
            supervising.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"hull: init: FATAL: {e}");
            Console.Error.WriteLine("hull: init: rebooting in 10 s");
            Thread.Sleep(10_000);
        }

        Shutdown(powerAction);
        return 0;
    }

    // Before the services, so the apiserver's first apply can already restart what it changed. Without it the host
    // still runs; settings that need a restart then fail to apply, and say so.
    private static InitControlServer? StartControl(Supervisor supervisor)
    {
        try
        {
            return InitControlServer.Start(Services.ControlSocket, supervisor, Console.Out);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            Console.WriteLine($"hull: init: no control socket at {Services.ControlSocket}: {e.Message}");
            return null;
        }
    }

    private static Task<(int Loaded, IReadOnlyList<string> Failures, IReadOnlyList<string> Blocked)> LoadModulesAsync(IReadOnlySet<string> blocked) =>
        Task.Run(() => ModuleLoader.LoadAll("/usr/lib/hull/modules.load", blocked, ModuleIndex.Load(ModuleIndex.DefaultPath)));

    // The supervisor has stopped every service by now; what is left is what they started (containers) and storage.
    private static void Shutdown(int powerAction)
    {
        Console.WriteLine(powerAction == Libc.RB_POWER_OFF ? "hull: init: powering off" : "hull: init: rebooting");
        try
        {
            ShutdownSweep.StopRemainingProcesses(TimeSpan.FromSeconds(5), Console.Out);
            ShutdownSweep.UnmountContainerMounts(Console.Out);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"hull: init: sweeping up before {(powerAction == Libc.RB_POWER_OFF ? "power off" : "reboot")}: {e.Message}");
        }

        Libc.Sync();
        foreach (var target in ((string[])[EspMount.MountPoint, "/var/lib/hull", "/var"]).Where(SystemMounts.IsMountPoint))
        {
            try
            {
                Libc.Unmount(target);
            }
            catch (IOException e)
            {
                // Busy: remount read-only so the journal is clean either way.
                Console.Error.WriteLine($"hull: init: {e.Message}; remounting read-only");
                try
                {
                    Libc.Mount(null, target, null, Libc.MS_REMOUNT | Libc.MS_RDONLY);
                }
                catch (IOException)
                {
                }
            }
        }

        Libc.Reboot(powerAction);
    }
}
