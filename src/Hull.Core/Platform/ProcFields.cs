using System.Globalization;

namespace Hull.Platform;

/// <summary>"Name:  value [kB]" lines, as /proc/meminfo and /proc/PID/status write them.</summary>
internal static class ProcFields
{
    /// <summary>The numeric fields by name; a value in kB is turned into bytes. Non-numeric fields are skipped.</summary>
    public static Dictionary<string, long> Parse(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split([':', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                values[parts[0]] = parts.Length >= 3 && parts[2] == "kB" ? value * 1024 : value;
            }
        }

        return values;
    }
}
