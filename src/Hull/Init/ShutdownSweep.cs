using Hull.Interop;

namespace Hull.Init;

/// <summary>
/// What PID 1 does after the supervisor has stopped the services and before it unmounts storage: the
/// processes no service owns any more (containerd's shims and the containers they ran) are asked to stop,
/// then killed; then every mount below /run and /var goes, innermost first, so nothing keeps DATA or STATE
/// busy (a container's overlay holds its layers on DATA open).
/// </summary>
internal static class ShutdownSweep
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>SIGTERM to every process but PID 1, SIGKILL to those still there after <paramref name="grace"/>.</summary>
    public static void StopRemainingProcesses(TimeSpan grace, TextWriter console)
    {
        if (ProcessTable.UserProcesses("/proc").Count == 0)
        {
            return;
        }

        Libc.Kill(-1, Libc.SIGTERM);
        if (WaitUntilNone(grace))
        {
            return;
        }

        var left = ProcessTable.UserProcesses("/proc");
        console.WriteLine($"hull: init: {left.Count} process(es) still running after {grace.TotalSeconds:F0} s ({string.Join(", ", left.Take(5))}); killing them");
        Libc.Kill(-1, Libc.SIGKILL);
        WaitUntilNone(TimeSpan.FromSeconds(5));
    }

    /// <summary>Unmounts everything mounted below /run and /var (not /run itself), innermost first; what stays busy is detached.</summary>
    public static void UnmountContainerMounts(TextWriter console)
    {
        var targets = MountTable.BelowInUnmountOrder(File.ReadLines("/proc/self/mountinfo"), ["/run", "/var"])
            .Where(t => t is not "/run" and not "/var" and not "/var/lib/hull");
        foreach (var target in targets)
        {
            try
            {
                Libc.Unmount(target);
            }
            catch (IOException e)
            {
                console.WriteLine($"hull: init: {e.Message}; detaching it");
                try
                {
                    Libc.Unmount(target, Libc.MNT_DETACH);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static bool WaitUntilNone(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ProcessTable.UserProcesses("/proc").Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            Thread.Sleep(Poll);
        }

        return true;
    }
}
