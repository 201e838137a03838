namespace Hull.Bench.Tests;

public sealed class SettingsBenchmarkTests
{
    [Fact]
    public void Field_ProcStatus_ReadsKilobytesAsBytes()
    {
        const string status = "Name:\thull\nVmHWM:\t   24576 kB\nVmRSS:\t   23000 kB\nThreads:\t9\n";
        SettingsBenchmark.Field(status, "VmRSS").ShouldBe(23000L * 1024);
        SettingsBenchmark.Field(status, "VmHWM").ShouldBe(24576L * 1024);
    }

    [Fact]
    public void Markdown_TwentyClients_ShowsPercentilesAndTargets()
    {
        var results = new List<SettingsResult>
        {
            new(1, [1, 2, 3, 4], 20L << 20, 21L << 20),
            new(20, Enumerable.Range(1, 100).Select(i => (double)i).ToList(), 22L << 20, 24L << 20),
        };
        var text = SettingsReport.Markdown(DateTimeOffset.UnixEpoch, "test machine", "abc", results, "settings-x.json");
        text.ShouldContain("| 1 | 4 | 2.00 | 4.00 | 4.00 | 20.0 | 21.0 |  |");
        text.ShouldContain("| 20 | 100 | 50.00 | 99.00 | 100.00 | 22.0 | 24.0 | p50 < 5, p99 < 20, RSS < 40 |");
    }
}
