using System.Globalization;
using System.Text;

namespace Hull.Bench;

/// <summary>The workload benchmark as a Markdown table for the README.</summary>
internal static class WorkloadReport
{
    public static string Markdown(WorkloadRun run, string rawFile)
    {
        var warm = run.Result.Samples.Where(s => !s.Pulled).ToList();
        var cold = run.Result.Samples.Where(s => s.Pulled).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Workloads, {run.Date:yyyy-MM-dd}, commit {run.Commit}, {run.Machine} (raw samples: bench/results/{rawFile})\n\n");
        text.Append("| measure | median | min | max | n |\n|---|---|---|---|---|\n");
        Row(text, "request → running, image pulled (s)", [.. cold.Select(s => s.ToRunningSeconds)]);
        Row(text, "request → healthy, image pulled (s)", [.. cold.Select(s => s.ToHealthySeconds)]);
        Row(text, "request → running, image present (s)", [.. warm.Select(s => s.ToRunningSeconds)]);
        Row(text, "request → healthy, image present (s)", [.. warm.Select(s => s.ToHealthySeconds)]);
        Row(text, "containerd's `ctr run -d`, image present (s)", run.Result.CtrRunSeconds ?? []);
        text.Append(CultureInfo.InvariantCulture, $"\nMemory in use per idle replica: {run.Result.MemoryPerReplicaBytes / 1048576.0:F1} MiB; ");
        text.Append(CultureInfo.InvariantCulture, $"the workload manager's resident memory with {run.Result.Samples.Count} workloads: {run.Result.ManagerResidentBytes / 1048576.0:F1} MiB");
        text.Append(run.Result.ManagerAnonBytes is { } anon
            ? string.Create(CultureInfo.InvariantCulture, $" ({anon / 1048576.0:F1} MiB of it anonymous, its own; the rest is file pages shared with the other services).\n")
            : ".\n");
        if (run.Result.CtrRunSeconds is [_, ..] ctr && warm.Count > 0)
        {
            var ratio = Percentile.Of([.. warm.Select(s => s.ToRunningSeconds).Order()], 50) / Percentile.Of([.. ctr.Order()], 50);
            text.Append(CultureInfo.InvariantCulture, $"Request → running (image present) is {ratio:F2}× containerd's own `ctr run` at the median (target ≤ 1.5×).\n");
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var ordered = values.Order().ToList();
        text.Append(CultureInfo.InvariantCulture, $"| {name} | {Percentile.Of(ordered, 50):F2} | {ordered[0]:F2} | {ordered[^1]:F2} | {values.Count} |\n");
    }
}
