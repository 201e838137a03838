namespace Hull.Platform;

/// <summary>Finds block devices through sysfs (udev is not on the host; devtmpfs makes the nodes).</summary>
internal static class BlockDevices
{
    /// <summary>The /dev path of the partition whose GPT name is <paramref name="label"/>, or null when none is present yet.</summary>
    public static string? FindPartition(string label)
    {
        const string sysBlock = "/sys/class/block";
        if (!Directory.Exists(sysBlock))
        {
            return null;
        }

        foreach (var dir in Directory.EnumerateDirectories(sysBlock))
        {
            var uevent = Path.Combine(dir, "uevent");
            if (!File.Exists(uevent))
            {
                continue;
            }

            var fields = KeyValueText.Parse(File.ReadAllText(uevent));
            if (fields.GetValueOrDefault("PARTNAME") == label && fields.TryGetValue("DEVNAME", out var devName))
            {
                return "/dev/" + devName;
            }
        }

        return null;
    }

    /// <summary>
    /// The first block device (whole disk or partition) whose file system is labelled <paramref name="label"/>
    /// (compared without regard to case, as FAT labels are), with its type; null when none is. Only devices
    /// present now are looked at: a config drive's driver came with the initramfs and has probed by the time
    /// PID 1 asks.
    /// </summary>
    public static (string Device, FileSystemLabel FileSystem)? FindByFileSystemLabel(string label, string sysBlock = "/sys/class/block", string devDirectory = "/dev")
    {
        if (!Directory.Exists(sysBlock))
        {
            return null;
        }

        foreach (var dir in Directory.EnumerateDirectories(sysBlock).Order(StringComparer.Ordinal))
        {
            var uevent = Path.Combine(dir, "uevent");
            var size = Path.Combine(dir, "size");
            if (!File.Exists(uevent) || !File.Exists(size) || File.ReadAllText(size).Trim() == "0")
            {
                continue; // no medium (an empty CD drive, an unused loop device)
            }

            if (!KeyValueText.Parse(File.ReadAllText(uevent)).TryGetValue("DEVNAME", out var devName))
            {
                continue;
            }

            var device = Path.Combine(devDirectory, devName);
            try
            {
                using var stream = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
                if (FileSystemLabel.Read(stream) is { } found && string.Equals(found.Label, label, StringComparison.OrdinalIgnoreCase))
                {
                    return (device, found);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A device that cannot be read is not the one we are looking for.
            }
        }

        return null;
    }

    /// <summary>Polls for the partition until <paramref name="timeout"/>: devices appear as their drivers probe.</summary>
    public static string WaitForPartition(string label, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var path = FindPartition(label);
            if (path is not null && File.Exists(path))
            {
                return path;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new IOException($"no partition named {label} appeared within {timeout.TotalSeconds:F0} s (is the disk attached, and its driver loaded?)");
            }

            Thread.Sleep(20);
        }
    }
}
