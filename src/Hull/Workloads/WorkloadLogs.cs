using System.Globalization;
using System.Text;

namespace Hull.Workloads;

/// <summary>
/// Reads a workload's container logs as CRI writes them (<c>LOGROOT/NAME-INDEX/app/ATTEMPT.log</c>, each line
/// "TIMESTAMP STREAM P|F TEXT", P marking a line split by the runtime) and gives the last lines of each
/// replica's latest attempt, prefixed with the replica index.
/// </summary>
internal static class WorkloadLogs
{
    /// <summary>The last <paramref name="lines"/> lines of every replica of <paramref name="workload"/>, or null when it has no logs.</summary>
    public static string? Tail(string logRoot, string workload, int lines)
    {
        var logs = Latest(logRoot, workload);
        if (logs is null)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var (index, latest) in logs)
        {
            foreach (var line in Platform.LogFile.LastLines(latest, lines).Select(Text))
            {
                text.Append(CultureInfo.InvariantCulture, $"[{index}] {line}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Each replica's latest log file (the highest attempt), by replica index; null when the workload has no replica folders.</summary>
    public static IReadOnlyList<(int Index, string File)>? Latest(string logRoot, string workload)
    {
        if (!Settings.SettingsNames.Container.IsValid(workload) || !Directory.Exists(logRoot))
        {
            return null;
        }

        var replicas = Directory.GetDirectories(logRoot, workload + "-*")
            .Select(d => (Dir: d, Index: int.TryParse(Path.GetFileName(d)[(workload.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1))
            .Where(r => r.Index >= 0)
            .OrderBy(r => r.Index)
            .ToList();
        if (replicas.Count == 0)
        {
            return null;
        }

        var files = new List<(int, string)>();
        foreach (var (dir, index) in replicas)
        {
            var latest = Directory.Exists(Path.Combine(dir, "app"))
                ? Directory.GetFiles(Path.Combine(dir, "app"), "*.log").MaxBy(f => int.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : -1)
                : null;
            if (latest is not null)
            {
                files.Add((index, latest));
            }
        }

        return files;
    }

    /// <summary>The text of one CRI log line, joining nothing: a partial (P) line is shown as it is.</summary>
    public static string Text(string criLine)
    {
        // TIMESTAMP STREAM TAG TEXT; a line that does not parse is shown whole.
        var parts = criLine.Split(' ', 4);
        return parts.Length == 4 && parts[1] is "stdout" or "stderr" ? parts[3] : parts.Length == 3 && parts[1] is "stdout" or "stderr" ? "" : criLine;
    }
}
