using System.Runtime.InteropServices;

namespace Hull.Interop;

internal static partial class Libc
{
    private const int CLOCK_REALTIME = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timeval
    {
        public long Seconds;
        public long Microseconds;
    }

    [LibraryImport(Name, EntryPoint = "clock_settime", SetLastError = true)]
    private static unsafe partial int ClockSetTimeNative(int clock, Timespec* time);

    [LibraryImport(Name, EntryPoint = "adjtime", SetLastError = true)]
    private static unsafe partial int AdjTimeNative(Timeval* delta, Timeval* oldDelta);

    /// <summary>Steps the system clock to <paramref name="time"/> (clock_settime(CLOCK_REALTIME)).</summary>
    internal static unsafe void SetClock(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var spec = new Timespec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        Check(ClockSetTimeNative(CLOCK_REALTIME, &spec), "clock_settime", "CLOCK_REALTIME");
    }

    /// <summary>Slews the system clock by <paramref name="delta"/> (adjtime(3)): no jump, time never runs backwards.</summary>
    internal static unsafe void SlewClock(TimeSpan delta)
    {
        var value = new Timeval { Seconds = delta.Ticks / TimeSpan.TicksPerSecond, Microseconds = delta.Ticks % TimeSpan.TicksPerSecond / 10 };
        Check(AdjTimeNative(&value, null), "adjtime", delta.ToString());
    }
}
