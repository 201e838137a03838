using Hull.Interop;

namespace Hull.Platform;

/// <summary>
/// settings.kernel.lockdown on the running kernel, through securityfs's lockdown file ("none
/// [integrity] confidentiality", the current level in brackets). The kernel only ever raises the
/// level (security/lockdown/lockdown.c refuses the same or a lower one with EPERM), so a lower
/// setting is refused, naming the key, rather than silently ignored. securityfs is mounted only for
/// the moment it is read or written and unmounted again, so the rest of the host (containerd and runc
/// look there for AppArmor) sees what it saw before.
/// </summary>
internal sealed class KernelLockdown(string root, bool mountSecurityFs)
{
    /// <summary>The settings key, for errors.</summary>
    public const string Key = "settings.kernel.lockdown";

    /// <summary>Where the kernel shows and takes the level.</summary>
    public const string FilePath = "/sys/kernel/security/lockdown";

    private static readonly string[] Levels = ["none", "integrity", "confidentiality"];

    private static readonly Lock SecurityFsLock = new();

    /// <summary>The kernel's level now, or null when this kernel has no lockdown file.</summary>
    public string? Current() => WithSecurityFs(file => File.Exists(file) ? Parse(File.ReadAllText(file)) : null);

    /// <summary>The bracketed level of the kernel's file, or the whole text when there are no brackets.</summary>
    public static string Parse(string text)
    {
        var open = text.IndexOf('[', StringComparison.Ordinal);
        var close = text.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open ? text[(open + 1)..close] : text.Trim();
    }

    /// <summary>Why <paramref name="requested"/> cannot be applied over <paramref name="current"/> (it is lower), or null when it can.</summary>
    public static string? Refusal(string current, string requested)
    {
        var from = Array.IndexOf(Levels, current);
        var to = Array.IndexOf(Levels, requested);
        if (from < 0 || to < 0 || to >= from)
        {
            return null;
        }

        var higher = from + 1 < Levels.Length ? $"to {string.Join(" or ", Levels[(from + 1)..])}" : "no further";
        return $"{Key}: the kernel is locked down to '{current}', and lockdown can only be raised ({higher}), never lowered to '{requested}' while the host runs";
    }

    /// <summary>Raises the kernel to <paramref name="requested"/>; the same level is a no-op; a lower one throws with <see cref="Refusal"/>.</summary>
    public void Apply(string requested) => WithSecurityFs(file =>
    {
        if (!File.Exists(file))
        {
            throw new IOException($"{Key}: this kernel has no lockdown ({FilePath} is missing)");
        }

        var current = Parse(File.ReadAllText(file));
        if (Refusal(current, requested) is { } refusal)
        {
            throw new IOException(refusal);
        }

        if (current != requested)
        {
            File.WriteAllText(file, requested);
        }

        return true;
    });

    private T WithSecurityFs<T>(Func<string, T> action)
    {
        var file = Path.Combine(root, FilePath.TrimStart('/'));
        lock (SecurityFsLock)
        {
            var mountPoint = Path.GetDirectoryName(file)!;
            var mounted = false;
            if (mountSecurityFs && !File.Exists(file) && Directory.Exists(mountPoint))
            {
                Libc.Mount("securityfs", mountPoint, "securityfs", Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC);
                mounted = true;
            }

            try
            {
                return action(file);
            }
            finally
            {
                if (mounted)
                {
                    Libc.Unmount(mountPoint);
                }
            }
        }
    }
}
