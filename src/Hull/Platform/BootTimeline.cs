using System.Globalization;

namespace Hull.Platform;

/// <summary>
/// The boot timeline: one line per event ("uptime-seconds event"), appended to
/// /run/hull/boot-timeline by stage 1, PID 1 and the services. The API serves it.
/// </summary>
internal static class BootTimeline
{
    public const string DefaultPath = "/run/hull/boot-timeline";

    /// <summary>Records <paramref name="name"/> at the current uptime; never fails the boot.</summary>
    public static void Mark(string name, string path = DefaultPath)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture, $"{Uptime.Seconds():F3} {name}\n"));
        }
        catch (IOException)
        {
            // The timeline is diagnostics; a missing /run must not stop a boot.
        }
    }

    /// <summary>Parses the timeline file into events in order.</summary>
    public static IReadOnlyList<(double Seconds, string Name)> Read(string path = DefaultPath)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var events = new List<(double, string)>();
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
            {
                events.Add((s, parts[1]));
            }
        }

        return events;
    }
}
