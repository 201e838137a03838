using System.Globalization;

namespace Hull.Bench.Compare;

/// <summary>
/// What a guest of `bench/run compare` wrote on its serial console: events as "HULL-BENCH UPTIME EVENT" lines, and
/// files (from /proc) between "HULL-BENCH-FILE PATH" and "HULL-BENCH-END". A marker may follow other text on its line
/// (kernel or systemd output without a line break); a line whose uptime does not parse is not an event.
/// </summary>
internal sealed record SerialReport(IReadOnlyList<BootEvent> Events, IReadOnlyDictionary<string, string> Files)
{
    public const string EventMarker = "HULL-BENCH ";
    public const string FileMarker = "HULL-BENCH-FILE ";
    public const string EndMarker = "HULL-BENCH-END";

    /// <summary>The first event named <paramref name="name"/>, or null.</summary>
    public BootEvent? Find(string name) => Events.FirstOrDefault(e => e.Name == name);

    /// <summary>A file's text, or "" when the guest did not send it.</summary>
    public string File(string path) => Files.GetValueOrDefault(path, "");

    /// <summary>Parses the console text; an unfinished file (the guest stopped mid-way) is dropped.</summary>
    public static SerialReport Parse(string console)
    {
        var events = new List<BootEvent>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? file = null;
        var content = new System.Text.StringBuilder();
        foreach (var raw in console.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (file is not null)
            {
                var end = line.IndexOf(EndMarker, StringComparison.Ordinal);
                if (end < 0)
                {
                    content.Append(line).Append('\n');
                    continue;
                }

                // "cat" of a file without a final newline leaves the marker on its last line.
                if (end > 0)
                {
                    content.Append(line[..end]).Append('\n');
                }

                files[file] = content.ToString();
                file = null;
                continue;
            }

            var at = line.IndexOf(FileMarker, StringComparison.Ordinal);
            if (at >= 0)
            {
                file = line[(at + FileMarker.Length)..].Trim();
                content.Clear();
                continue;
            }

            at = line.IndexOf(EventMarker, StringComparison.Ordinal);
            if (at >= 0 && line[(at + EventMarker.Length)..].Split(' ', 2, StringSplitOptions.TrimEntries) is [var uptime, var name]
                && name.Length > 0 && double.TryParse(uptime, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                events.Add(new BootEvent(seconds, name));
            }
        }

        return new SerialReport(events, files);
    }
}
