using Hull.Interop;
using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// The writable partitions: DATA (container images, volumes, logs) on /var and STATE
/// (the datastore, identity, keys) on /var/lib/hull. Each is formatted on first boot —
/// recognised by the absence of an ext4 superblock — and kept as is on every later boot.
/// </summary>
internal static class Storage
{
    private const string Mke2fs = "/usr/sbin/mke2fs";

    public static void MountAll()
    {
        MountPartition("DATA", "/var", growToFillDisk: true);
        Directory.CreateDirectory("/var/lib/hull");
        Directory.CreateDirectory("/var/lib/containerd");
        Directory.CreateDirectory("/var/log");
        if (!Directory.Exists("/var/run") && !File.Exists("/var/run"))
        {
            File.CreateSymbolicLink("/var/run", "/run");
        }

        MountPartition("STATE", "/var/lib/hull");
    }

    private static void MountPartition(string label, string target, bool growToFillDisk = false)
    {
        var device = BlockDevices.WaitForPartition(label, TimeSpan.FromSeconds(10));
        var grew = false;
        if (growToFillDisk)
        {
            try
            {
                grew = DataPartitionGrower.GrowToFillDisk(device, Console.Out);
            }
            catch (Exception e) when (e is IOException or Gpt.GptException or UnauthorizedAccessException)
            {
                // A DATA that cannot grow is still usable: say why and carry on at its current size.
                Console.WriteLine($"hull: init: could not grow {label}: {e.Message}");
            }
        }

        var formatted = false;
        if (!HasExt4Superblock(device))
        {
            formatted = true;
            Console.WriteLine($"hull: init: {label} ({device}) has no file system: formatting it (first boot)");
            Format(device, label);
            BootTimeline.Mark($"init.formatted {label}");
        }

        Directory.CreateDirectory(target);
        Libc.Mount(device, target, "ext4", Libc.MS_NOSUID | Libc.MS_NODEV, "errors=remount-ro");
        BootTimeline.Mark($"init.mounted {label}");
        if (grew && !formatted)
        {
            GrowFileSystem(device, target, label);
        }
    }

    // An existing file system on a partition that just grew: extend it online (no resize2fs on the host).
    private static void GrowFileSystem(string device, string mountPoint, string label)
    {
        var sectors = long.Parse(File.ReadAllText($"/sys/class/block/{Path.GetFileName(device)}/size").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var blockSize = 1024L << ReadSuperblockUInt32(device, 24);   // s_log_block_size
        var blocks = (ulong)(sectors * 512 / blockSize);
        try
        {
            Libc.ResizeExt4(mountPoint, blocks);
            Console.WriteLine($"hull: init: grew the {label} file system to {blocks} blocks");
        }
        catch (IOException e)
        {
            Console.WriteLine($"hull: init: could not grow the {label} file system: {e.Message}");
        }
    }

    private static int ReadSuperblockUInt32(string device, int offset)
    {
        using var stream = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        var buffer = new byte[4];
        stream.Position = 1024 + offset;
        stream.ReadExactly(buffer);
        return BitConverter.ToInt32(buffer);
    }

    /// <summary>The ext4 magic 0xEF53 at byte 56 of the superblock, which starts 1024 bytes into the partition.</summary>
    internal static bool HasExt4Superblock(string device)
    {
        using var stream = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        var buffer = new byte[2];
        stream.Position = 1024 + 56;
        return stream.Read(buffer) == 2 && buffer[0] == 0x53 && buffer[1] == 0xEF;
    }

    private static void Format(string device, string label)
    {
        // Lazy inode table and journal init keep first boot short; the kernel finishes them in the background.
        var (exitCode, output, errors) = ToolProcess.Run(Mke2fs, "-t", "ext4", "-q", "-F", "-L", label, "-E", "lazy_itable_init=1,lazy_journal_init=1", device);
        if (exitCode != 0)
        {
            throw new IOException($"formatting {label} ({device}) failed: mke2fs exited with {exitCode}: {(output + "\n" + errors).Trim()}");
        }
    }
}
