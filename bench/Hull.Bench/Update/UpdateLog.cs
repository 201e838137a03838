using System.Globalization;
using System.Text.RegularExpressions;

namespace Hull.Bench.Update;

/// <summary>
/// What the updater's log and the guest's clock say, as numbers: the prepare's steps ("updater: prepare V in slot S (DEV):
/// STEP at +X s", "... ready after Y s") and a command timed with /proc/uptime ("START END").
/// </summary>
internal static partial class UpdateLog
{
    /// <summary>Seconds after the prepare started at which each step began, and "Ready" for the end, from the last prepare in the log.</summary>
    public static IReadOnlyDictionary<string, double> PrepareSteps(string log)
    {
        var steps = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in log.Split('\n'))
        {
            if (StepLine().Match(line) is { Success: true } step)
            {
                if (step.Groups["step"].Value == "DeleteEntries")
                {
                    steps.Clear(); // a new prepare: only the last one counts
                }

                steps[step.Groups["step"].Value] = double.Parse(step.Groups["at"].Value, CultureInfo.InvariantCulture);
            }
            else if (ReadyLine().Match(line) is { Success: true } ready)
            {
                steps["Ready"] = double.Parse(ready.Groups["after"].Value, CultureInfo.InvariantCulture);
            }
        }

        return steps;
    }

    /// <summary>END - START from a line "START END" of /proc/uptime readings; null when the text is not that.</summary>
    public static double? UptimeSpan(string text) =>
        text.Trim().Split(' ') is [var start, var end]
            && double.TryParse(start, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
            && double.TryParse(end, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
            && e >= s
            ? e - s
            : null;

    [GeneratedRegex(@"updater: prepare \S+ in slot \w \([^)]*\): (?<step>\w+) at \+(?<at>[0-9.]+) s")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"updater: prepare \S+ in slot \w: ready after (?<after>[0-9.]+) s")]
    private static partial Regex ReadyLine();

}
