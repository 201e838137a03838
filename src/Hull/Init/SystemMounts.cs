using Hull.Interop;

namespace Hull.Init;

/// <summary>The kernel and scratch file systems PID 1 mounts on the read-only root.</summary>
internal static class SystemMounts
{
    public static void MountAll()
    {
        const ulong Secure = Libc.MS_NOSUID | Libc.MS_NODEV;

        // Stage 1 moved /dev, /proc, /sys and /run here; on a direct boot of the root they may be missing.
        MountIfAbsent("devtmpfs", "/dev", "devtmpfs", Libc.MS_NOSUID, "mode=0755");
        MountIfAbsent("proc", "/proc", "proc", Secure | Libc.MS_NOEXEC, null);
        MountIfAbsent("sysfs", "/sys", "sysfs", Secure | Libc.MS_NOEXEC, null);
        MountIfAbsent("tmpfs", "/run", "tmpfs", Secure, "mode=0755");

        Directory.CreateDirectory("/dev/pts");
        Directory.CreateDirectory("/dev/shm");
        Libc.Mount("devpts", "/dev/pts", "devpts", Libc.MS_NOSUID | Libc.MS_NOEXEC, "mode=0620,ptmxmode=0666");
        Libc.Mount("tmpfs", "/dev/shm", "tmpfs", Secure, "mode=1777");
        Libc.Mount("cgroup2", "/sys/fs/cgroup", "cgroup2", Secure | Libc.MS_NOEXEC, "nsdelegate");
        Libc.Mount("tmpfs", "/tmp", "tmpfs", Secure, "mode=1777");
        Libc.Mount("tmpfs", "/etc", "tmpfs", Secure | Libc.MS_NOEXEC, "mode=0755");

        // /var is a tmpfs until DATA is mounted over it; mount points for STATE live inside.
        Libc.Mount("tmpfs", "/var", "tmpfs", Secure, "mode=0755");

        // Containers need mount propagation from the root (runc, containerd's snapshotters).
        Libc.Mount(null, "/", null, Libc.MS_REC | Libc.MS_SHARED);
    }

    /// <summary>efivarfs (Secure Boot state, boot counting) when the machine booted through UEFI.</summary>
    public static void MountFirmwareFileSystems()
    {
        const string efivars = "/sys/firmware/efi/efivars";
        if (Directory.Exists(efivars) && !IsMountPoint(efivars))
        {
            Libc.Mount("efivarfs", efivars, "efivarfs", Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC);
        }
    }

    private static void MountIfAbsent(string source, string target, string type, ulong flags, string? data)
    {
        if (!IsMountPoint(target))
        {
            Libc.Mount(source, target, type, flags, data);
        }
    }

    /// <summary>Whether <paramref name="path"/> is listed as a mount point in /proc/self/mounts (false when /proc is not mounted).</summary>
    public static bool IsMountPoint(string path)
    {
        if (!File.Exists("/proc/self/mounts"))
        {
            return false;
        }

        return File.ReadAllLines("/proc/self/mounts").Any(l => l.Split(' ') is [_, var target, ..] && target == path);
    }
}
