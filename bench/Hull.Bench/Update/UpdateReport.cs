using System.Globalization;
using System.Text;

namespace Hull.Bench.Update;

/// <summary>The update benchmark as a Markdown table for the README, with the three targets.</summary>
internal static class UpdateReport
{
    private const double MiB = 1048576.0;

    public static string Markdown(UpdateRun run, string rawFile)
    {
        var r = run.Result;
        var steps = r.PrepareSteps;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Update {r.From} → {r.To}, {run.Date:yyyy-MM-dd}, commit {run.Commit}, {run.Machine} (raw: bench/results/{rawFile})\n\n");
        text.Append("| phase | seconds |\n|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| check (refresh the signed metadata) | {r.RefreshSeconds:F2} |\n");
        Phase(text, "download, decompress and write the root", steps, "WriteRoot", "VerifyRoot");
        Phase(text, "read the root back and compare", steps, "VerifyRoot", "StageUki");
        Phase(text, "download and stage the UKI on the ESP", steps, "StageUki", "Ready");
        text.Append(CultureInfo.InvariantCulture, $"| prepare, as the client waits | {r.PrepareSeconds:F2} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| reboot → new version healthy and blessed | {r.RebootToHealthySeconds:F2} |\n\n");

        var payload = r.RootPayloadBytes + r.UkiPayloadBytes;
        var raw = r.RootBytes + r.UkiBytes;
        text.Append(CultureInfo.InvariantCulture, $"Downloaded {payload / MiB:F1} MiB, written {raw / MiB:F1} MiB (root {r.RootBytes / MiB:F1}, UKI {r.UkiBytes / MiB:F1}).\n");
        if (SlotWriteRate(r) is { } slot)
        {
            var plain = r.PlainWriteBytes / r.PlainWriteSeconds / MiB;
            text.Append(CultureInfo.InvariantCulture, $"Slot write {slot:F1} MiB/s against the disk's plain sequential write {plain:F1} MiB/s (dd in the same guest): {slot / plain * 100:F0}% (target ≥ 80%).\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Payload {payload * 100.0 / raw:F1}% of the raw root and UKI (target ≤ 60%).\n");
        text.Append(CultureInfo.InvariantCulture, $"Updater peak resident memory while preparing: {r.UpdaterPeakResidentBytes / MiB:F1} MiB (target < 40 MiB).\n");
        return text.ToString();
    }

    /// <summary>The root's bytes over the time from the start of its write to the start of its read-back (download and decompression included); null without both steps.</summary>
    public static double? SlotWriteRate(UpdateResult r) =>
        r.PrepareSteps.TryGetValue("WriteRoot", out var start) && r.PrepareSteps.TryGetValue("VerifyRoot", out var end) && end > start
            ? r.RootBytes / (end - start) / MiB
            : null;

    private static void Phase(StringBuilder text, string name, Dictionary<string, double> steps, string from, string to)
    {
        if (steps.TryGetValue(from, out var start) && steps.TryGetValue(to, out var end))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {end - start:F2} |\n");
        }
    }
}
