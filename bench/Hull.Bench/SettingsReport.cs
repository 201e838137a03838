using System.Globalization;
using System.Text;

namespace Hull.Bench;

/// <summary>The settings round-trip table, with the settings issue's targets beside the numbers, and the hull binary's size and start times.</summary>
internal static class SettingsReport
{
    private const double Mib = 1048576.0;

    public static string Markdown(SettingsRun run, string rawFile)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Settings round trip and the hull binary — {run.Date:yyyy-MM-dd HH:mm} UTC\n\n");
        var tls = run.Results.Any(r => r.Transport == ApiTransport.MutualTls);
        text.Append(CultureInfo.InvariantCulture, $"Machine: {run.Machine}. Commit {run.Commit}. The NativeAOT `hull apiserver` in a sandbox on the build machine ");
        text.Append(tls
            ? "(its own socket, datastore and root; user data turns on its remote listener, mutual TLS on 127.0.0.1 with the certificates `hull run` makes); "
            : "(its own socket, datastore and root); ");
        text.Append(CultureInfo.InvariantCulture, $"each round trip is `PATCH /settings` + `POST /tx/commit_and_apply` (motd) over the Unix socket{(tls ? " or mutual TLS" : "")}. ");
        text.Append(run.Results.Any(r => r.ConnectMs is null)
            ? "In this run each client's first round trip also opened its connection. "
            : "Each client opens its connection with a `GET /os` first, timed apart (\"connect\": for mutual TLS the handshake, client certificate checked); its round trips reuse it. ");
        text.Append(CultureInfo.InvariantCulture, $"Raw samples: `{rawFile}`.\n\n");
        text.Append("| transport | clients | round trips | p50 (ms) | p99 (ms) | max (ms) | connect, median (ms) | apiserver RSS after (MiB) | peak RSS (MiB) | target |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var transport in (ApiTransport[])[ApiTransport.Unix, ApiTransport.MutualTls])
        {
            foreach (var clients in run.Results.Select(r => r.Clients).Distinct().Order())
            {
                text.Append(Row(transport, clients, run.Results.FirstOrDefault(r => r.Transport == transport && r.Clients == clients)));
            }
        }

        var binary = run.Binary;
        text.Append("\n| hull binary | value |\n|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| NativeAOT binary (MiB) | {(binary is null ? "—" : $"{binary.BinaryBytes / Mib:F1}")} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| root erofs it ships in (MiB) | {(binary is null ? "—" : $"{binary.RootErofsBytes / Mib:F1}")} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `hull --version`, spawn → exit (ms) | {Times(binary?.VersionMs)} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `hull apiserver`, spawn → its socket accepts (ms) | {Times(binary?.ApiserverStartMs)} |\n");
        text.Append(binary is null
            ? "\nThe hull binary was not measured in this run.\n"
            : "\nStart times: median (min–max) of the runs, wall time as the parent process sees it. The apiserver starts with its datastore present and the user data applied (as on every boot after the first; a first start before the measured ones did that), its remote listener configured.\n");
        return text.ToString();
    }

    private static string Row(ApiTransport transport, int clients, SettingsResult? r)
    {
        var name = transport == ApiTransport.Unix ? "Unix socket" : "mutual TLS";
        var target = transport == ApiTransport.Unix && clients >= 20 ? "p50 < 5, p99 < 20, RSS < 40" : "";
        if (r is null)
        {
            return $"| {name} | {clients} | not measured | — | — | — | — | — | — | {target} |\n";
        }

        var connect = r.ConnectMs is { Count: > 0 } c ? Summary.Of(c).Median.ToString("F2", CultureInfo.InvariantCulture) : "—";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {clients} | {r.LatenciesMs.Count} | {Percentile.Of(r.LatenciesMs, 50):F2} | {Percentile.Of(r.LatenciesMs, 99):F2} | {r.LatenciesMs.Max():F2} | {connect} | {r.ResidentBytes / Mib:F1} | {r.PeakResidentBytes / Mib:F1} | {target} |\n");
    }

    private static string Times(IReadOnlyList<double>? samples) =>
        samples is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{Summary.Of(samples)} of {samples.Count}");
}
