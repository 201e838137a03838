using Hull.Bench.Update;

namespace Hull.Bench.Tests.Update;

public sealed class UpdateReportTests
{
    private static readonly UpdateResult Result = new(
        "0.1.0", "0.1.1", PlainWriteBytes: 60 * 1048576L, PlainWriteSeconds: 6.0, RootBytes: 40 * 1048576L, UkiBytes: 10 * 1048576L,
        RootPayloadBytes: 30 * 1048576L, UkiPayloadBytes: 10 * 1048576L, RefreshSeconds: 1.5, PrepareSeconds: 30.0,
        new Dictionary<string, double> { ["WriteRoot"] = 1.0, ["VerifyRoot"] = 9.0, ["StageUki"] = 12.0, ["Ready"] = 20.0 },
        UpdaterPeakResidentBytes: 35 * 1048576L, RebootToHealthySeconds: 70.0);

    [Fact]
    public void SlotWriteRate_RootBytesOverWriteRootToVerifyRoot() => UpdateReport.SlotWriteRate(Result).ShouldBe(5.0);

    [Fact]
    public void SlotWriteRate_NoVerifyStep_Null() =>
        UpdateReport.SlotWriteRate(Result with { PrepareSteps = new() { ["WriteRoot"] = 1.0 } }).ShouldBeNull();

    [Fact]
    public void Markdown_PhasesTargetsAndRatios()
    {
        var run = new UpdateRun(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), "2 vCPU", "abc123", Result);

        var text = UpdateReport.Markdown(run, "update-2026-11-28.json");

        text.ShouldContain("Update 0.1.0 → 0.1.1, 2026-11-28, commit abc123, 2 vCPU (raw: bench/results/update-2026-11-28.json)");
        text.ShouldContain("| check (refresh the signed metadata) | 1.50 |");
        text.ShouldContain("| download, decompress and write the root | 8.00 |");
        text.ShouldContain("| read the root back and compare | 3.00 |");
        text.ShouldContain("| download and stage the UKI on the ESP | 8.00 |");
        text.ShouldContain("| reboot → new version healthy and blessed | 70.00 |");
        text.ShouldContain("Downloaded 40.0 MiB, written 50.0 MiB (root 40.0, UKI 10.0).");
        text.ShouldContain("Slot write 5.0 MiB/s against the disk's plain sequential write 10.0 MiB/s (dd in the same guest): 50% (target ≥ 80%).");
        text.ShouldContain("Payload 80.0% of the raw root and UKI (target ≤ 60%).");
        text.ShouldContain("Updater peak resident memory while preparing: 35.0 MiB (target < 40 MiB).");
    }
}
