using Hull.Boot;
using Hull.Interop;
using Hull.Platform;

namespace Hull.Stage1;

/// <summary>
/// /init in the initramfs: loads the modules that reach the disk, opens the slot's root
/// through dm-verity with the root hash from the signed command line, mounts it read-only
/// and hands over to PID 1 on it. Any failure stops here: it never boots an unverified root.
/// </summary>
internal static class Stage1Init
{
    private const string NewRoot = "/sysroot";
    private const string ModuleList = "/usr/lib/hull/modules.load";

    public static int Run()
    {
        try
        {
            Libc.Mount("devtmpfs", "/dev", "devtmpfs", Libc.MS_NOSUID, "mode=0755");
            Libc.Mount("proc", "/proc", "proc", Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC);
            Libc.Mount("sysfs", "/sys", "sysfs", Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC);
            Libc.Mount("tmpfs", "/run", "tmpfs", Libc.MS_NOSUID | Libc.MS_NODEV, "mode=0755");
            BootTimeline.Mark("stage1.start");

            var commandLine = File.ReadAllText("/proc/cmdline");
            if (commandLine.Split(' ', StringSplitOptions.TrimEntries).Contains("hull.enroll"))
            {
                return KeyEnrollment.Run();
            }

            var parameters = BootParameters.Parse(commandLine);
            Console.WriteLine($"hull: stage 1: slot {parameters.Slot}, root {parameters.RootPartitionLabel}, verity root hash {parameters.RootHash}");
            var (loaded, failures, _) = ModuleLoader.LoadAll(ModuleList);
            foreach (var failure in failures)
            {
                Console.WriteLine($"hull: stage 1: {failure}");
            }

            BootTimeline.Mark($"stage1.modules-loaded {loaded}");

            var partition = BlockDevices.WaitForPartition(parameters.RootPartitionLabel, TimeSpan.FromSeconds(15));
            var device = DeviceMapper.CreateReadOnly("root", parameters.DataSectors, "verity", parameters.VerityTable(partition));
            WaitForNode(device);
            BootTimeline.Mark("stage1.verity-open");

            Libc.Mount(device, NewRoot, "erofs", Libc.MS_RDONLY | Libc.MS_NODEV);
            BootTimeline.Mark("stage1.root-mounted");
            SwitchRoot();
            Libc.Exec("/usr/bin/hull", "init");
            return 1;
        }
        catch (Exception e)
        {
            Fatal(e.Message);
            return 1;
        }
    }

    /// <summary>Moves the kernel file systems onto the new root, frees the initramfs, and makes the new root "/".</summary>
    private static void SwitchRoot()
    {
        // The initramfs is RAM: free what we put there before leaving it behind.
        foreach (var path in (string[])["/usr", "/lib64", "/etc"])
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        File.Delete("/init");
        foreach (var mount in (string[])["/dev", "/proc", "/sys", "/run"])
        {
            Libc.Mount(mount, NewRoot + mount, null, Libc.MS_MOVE);
        }

        Directory.SetCurrentDirectory(NewRoot);
        Libc.Mount(NewRoot, "/", null, Libc.MS_MOVE);
        Libc.Chroot(".");
        Directory.SetCurrentDirectory("/");
    }

    private static void WaitForNode(string device)
    {
        for (var i = 0; i < 500 && !File.Exists(device); i++)
        {
            Thread.Sleep(10);
        }
    }

    /// <summary>Says why on the console, then reboots so the boot counter can pick another slot.</summary>
    private static void Fatal(string message)
    {
        Console.Error.WriteLine($"hull: stage 1: FATAL: {message}");
        Console.Error.WriteLine("hull: stage 1: the root cannot be verified; not continuing. Rebooting in 5 s.");
        Thread.Sleep(5000);
        try
        {
            Libc.Reboot(Libc.RB_AUTOBOOT);
        }
        catch (IOException)
        {
        }

        Thread.Sleep(Timeout.Infinite);
    }
}
