using Hull.Bench.Compare;

namespace Hull.Bench.Tests.Compare;

public sealed class CompareReportTests
{
    [Fact]
    public void Markdown_Run_MediansAndRatiosAgainstBaselineAndFloor()
    {
        var text = CompareReport.Markdown(Samples.Run(), "compare-2026-11-27.json", "compare-latest.svg");

        // Hull direct median 9, OVMF 9, baseline 18, floor 2: ratios 0.50× and 4.50×.
        text.ShouldContain("| kernel start → containerd ready; floor: its /init done (guest, s) | 9.00 (8.00–10.00) | 9.00 (9.00–9.00) | 18.00 (16.00–20.00) | 2.00 (2.00–2.00) | 0.50× | 4.50× |");
        text.ShouldContain("| QEMU start → containerd ready; floor: /init done (wall, s) | 12.00 (11.00–13.00) |");
        text.ShouldContain("| first container: request → its process runs, image import included (s) | 2.00 (2.00–2.00) | 2.00 (2.00–2.00) | 4.00 (4.00–4.00) | - | 0.50× | — |");
        text.ShouldContain("| idle memory in use, MemTotal − MemAvailable (MiB) | 100.00 (100.00–100.00) | 100.00 (100.00–100.00) | 200.00 (200.00–200.00) | 50.00 (50.00–50.00) | 0.50× | 2.00× |");
        text.ShouldContain("| kernel start → API ready (guest, s) | 7.00 (7.00–7.00) | - | - | - | — | — |");
        text.ShouldContain("| executables (files with an x bit) | 100 | 1000 | 2 | 0.10× | 50.00× |");
        text.ShouldContain("| disk image, allocated (MiB) | 385 | 1024 | — | 0.38× | — |");
        text.ShouldContain("| setgid files | 1 | 1 | 0 | 1.00× | — |");
        text.ShouldContain("test machine");
        text.ShouldContain("[compare-latest.svg](compare-latest.svg)");
        text.ShouldNotContain("load averages"); // not recorded in this run
    }

    [Fact]
    public void Markdown_LoadRecorded_SaysIt()
    {
        var run = Samples.Run() with { Load = "5.1 6.2 7.3 at the start, 1 2 3 at the end" };
        CompareReport.Markdown(run, "x.json", "x.svg").ShouldContain("Build machine load averages (1, 5, 15 min): 5.1 6.2 7.3 at the start, 1 2 3 at the end.");
    }

    [Fact]
    public void Ratio_ZeroOrMissing_IsADash()
    {
        CompareReport.Ratio(1, 0).ShouldBe("—");
        CompareReport.Ratio(double.NaN, 2).ShouldBe("—");
        CompareReport.Ratio(3, 4).ShouldBe("0.75×");
    }

    [Fact]
    public void Markdown_MissingImage_DashesInsteadOfNumbers()
    {
        var run = Samples.Run() with { Images = [.. Samples.Run().Images.Where(i => i.Name != ImageNames.Floor)] };
        CompareReport.Markdown(run, "x.json", "x.svg").ShouldContain("| setuid files | 2 | 2 | — | 1.00× | — |");
    }
}
