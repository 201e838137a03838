using Hull.Interop;

namespace Hull.Platform;

/// <summary>
/// /dev/watchdog (the kernel's softdog here: the cloud kernel has no driver for QEMU's emulated cards). Once
/// opened it reboots the machine unless kept alive within its timeout; <see cref="Dispose"/> stops it with the
/// magic close, so only a hang (of PID 1 or the kernel) lets it fire.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    public const string Device = "/dev/watchdog";
    private int _fd;

    private Watchdog(int fd, int timeoutSeconds)
    {
        _fd = fd;
        TimeoutSeconds = timeoutSeconds;
    }

    /// <summary>The timeout the driver took.</summary>
    public int TimeoutSeconds { get; }

    /// <summary>Opens and arms the watchdog with <paramref name="timeoutSeconds"/>.</summary>
    public static Watchdog Arm(int timeoutSeconds, string device = Device)
    {
        var fd = Libc.Check(Libc.open(device, Libc.O_WRONLY | Libc.O_CLOEXEC, 0), "open", device);
        try
        {
            return new Watchdog(fd, Libc.SetWatchdogTimeout(fd, timeoutSeconds, device));
        }
        catch
        {
            Libc.WatchdogMagicClose(fd, device);
            Libc.close(fd);
            throw;
        }
    }

    /// <summary>Starts the timeout again.</summary>
    public void KeepAlive() => Libc.WatchdogKeepAlive(_fd, Device);

    /// <summary>Disarms and closes it.</summary>
    public void Dispose()
    {
        if (_fd < 0)
        {
            return;
        }

        Libc.WatchdogMagicClose(_fd, Device);
        Libc.close(_fd);
        _fd = -1;
    }
}
