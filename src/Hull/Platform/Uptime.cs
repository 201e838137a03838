using System.Globalization;

namespace Hull.Platform;

/// <summary>Seconds since the kernel started (CLOCK_BOOTTIME as /proc/uptime shows it): the clock of the boot timeline.</summary>
internal static class Uptime
{
    public static double Seconds()
    {
        try
        {
            var text = File.ReadAllText("/proc/uptime");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
