using System.Text;

namespace Hull.Bench;

/// <summary>The settings round-trip table, with the settings issue's targets beside the numbers.</summary>
internal static class SettingsReport
{
    public static string Markdown(DateTimeOffset date, string machine, string commit, IReadOnlyList<SettingsResult> results, string rawFile)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Settings round trip — {date:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine($"Machine: {machine}. Commit {commit}. The NativeAOT `hull apiserver` in a sandbox on the build machine; each round trip is `PATCH /settings` + `POST /tx/commit_and_apply` (motd) over the Unix socket. Raw samples: `{rawFile}`.");
        text.AppendLine();
        text.AppendLine("| clients | round trips | p50 (ms) | p99 (ms) | max (ms) | apiserver RSS after (MiB) | peak RSS (MiB) | target |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine($"| {r.Clients} | {r.LatenciesMs.Count} | {Percentile.Of(r.LatenciesMs, 50):F2} | {Percentile.Of(r.LatenciesMs, 99):F2} | {r.LatenciesMs.Max():F2} | {r.ResidentBytes / 1048576.0:F1} | {r.PeakResidentBytes / 1048576.0:F1} | {(r.Clients >= 20 ? "p50 < 5, p99 < 20, RSS < 40" : "")} |");
        }

        return text.ToString();
    }
}
