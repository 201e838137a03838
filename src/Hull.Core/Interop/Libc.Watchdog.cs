using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    // <linux/watchdog.h>: WDIOC_KEEPALIVE = _IOR('W', 5, int), WDIOC_SETTIMEOUT = _IOWR('W', 6, int).
    private const ulong WDIOC_KEEPALIVE = 0x80045705;
    private const ulong WDIOC_SETTIMEOUT = 0xC0045706;

    [LibraryImport(Name, EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteNative(int fd, byte* buffer, nuint count);

    /// <summary>Sets a watchdog's timeout in seconds; returns what the driver took (it may round).</summary>
    internal static unsafe int SetWatchdogTimeout(int fd, int seconds, string device)
    {
        var value = seconds;
        Check(ioctl(fd, WDIOC_SETTIMEOUT, &value), "ioctl WDIOC_SETTIMEOUT", device);
        return value;
    }

    /// <summary>Pets a watchdog: its timeout starts again.</summary>
    internal static unsafe void WatchdogKeepAlive(int fd, string device)
    {
        var unused = 0;
        Check(ioctl(fd, WDIOC_KEEPALIVE, &unused), "ioctl WDIOC_KEEPALIVE", device);
    }

    /// <summary>Writes the magic close character: a watchdog closed after it stops instead of firing.</summary>
    internal static unsafe void WatchdogMagicClose(int fd, string device)
    {
        byte magic = (byte)'V';
        if (WriteNative(fd, &magic, 1) != 1)
        {
            ThrowLastError("write", device);
        }
    }
}
