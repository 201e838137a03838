using System.Globalization;
using System.Text;

namespace Hull.Workloads;

/// <summary>
/// `logs --follow`: what each replica's latest log gained since the last look, as whole lines prefixed with the replica
/// index. Files there when following starts are read from their end (the tail has been shown); a file that appears later
/// (a new replica, a restart's next attempt) is read from its start.
/// </summary>
internal sealed class WorkloadLogFollower
{
    private readonly string _logRoot;
    private readonly string _workload;
    private readonly Dictionary<string, long> _positions = new(StringComparer.Ordinal);

    public WorkloadLogFollower(string logRoot, string workload)
    {
        _logRoot = logRoot;
        _workload = workload;
        foreach (var (_, file) in WorkloadLogs.Latest(logRoot, workload) ?? [])
        {
            _positions[file] = new FileInfo(file).Length;
        }
    }

    /// <summary>The lines written since the last call (empty when none).</summary>
    public string Poll()
    {
        var text = new StringBuilder();
        foreach (var (index, file) in WorkloadLogs.Latest(_logRoot, _workload) ?? [])
        {
            var from = _positions.GetValueOrDefault(file);
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= from)
            {
                continue;
            }

            stream.Position = from;
            var buffer = new byte[stream.Length - from];
            stream.ReadExactly(buffer);

            // Whole lines only: a line still being written is read next time.
            var end = Array.LastIndexOf(buffer, (byte)'\n');
            if (end < 0)
            {
                continue;
            }

            _positions[file] = from + end + 1;
            foreach (var line in Encoding.UTF8.GetString(buffer, 0, end).Split('\n'))
            {
                text.Append(CultureInfo.InvariantCulture, $"[{index}] {WorkloadLogs.Text(line)}\n");
            }
        }

        return text.ToString();
    }
}
