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
