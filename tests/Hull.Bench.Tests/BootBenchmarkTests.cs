namespace Hull.Bench.Tests;

public sealed class BootBenchmarkTests
{
    private const string Metrics = """
        # HELP hull_memory_used_bytes Memory in use as free(1) counts it.
        # TYPE hull_memory_used_bytes gauge
        hull_memory_used_bytes 52428800
        hull_memory_used_bytes_extra 1
        hull_uptime_seconds 12.5

        """;

    [Fact]
    public void MetricValue_NamedGauge_IsReadExactly()
    {
        BootBenchmark.MetricValue(Metrics, "hull_memory_used_bytes").ShouldBe(52428800);
        BootBenchmark.MetricValue(Metrics, "hull_uptime_seconds").ShouldBe(12);
    }

    [Fact]
    public void MetricValue_Missing_Throws()
    {
        Should.Throw<InvalidOperationException>(() => BootBenchmark.MetricValue(Metrics, "hull_nothing"));
    }

    [Fact]
    public void Markdown_Result_ShowsEveryTargetAndTheNumbers()
    {
        var result = new BootResult(DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "test machine", "abc", "0.1.0",
            new Sizes(800L << 20, 46L << 20, 47L << 20, 21L << 20, 7L << 20, 12L << 20),
            [new BootSample("direct", 8, 6, 3, 3, 5, 60L << 20), new BootSample("uefi", 18, 7, 4, 3, 6, 62L << 20)]);
        var text = BootReport.Markdown(result, "boot-2026-11-27.json");

        text.ShouldContain("| QEMU start → API answers (wall, s) | 8.00 (8.00–8.00) | 18.00 (18.00–18.00) | OVMF ≤ 15 |");
        text.ShouldContain("| idle memory in use, as free(1) counts it (MiB) | 60.00 (60.00–60.00) | 62.00 (62.00–62.00) | ≤ 96 |");
        text.ShouldContain("| root erofs | 46.0 | ≤ 64 |");
        text.ShouldContain("| UKI | 21.0 | ≤ 24 |");
        text.ShouldContain("test machine");
    }
}
