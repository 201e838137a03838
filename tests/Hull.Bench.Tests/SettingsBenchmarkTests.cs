using System.Text.Json;

namespace Hull.Bench.Tests;

public sealed class SettingsBenchmarkTests
{
    private static readonly List<double> Hundred = Enumerable.Range(1, 100).Select(i => (double)i).ToList();

    [Fact]
    public void Field_ProcStatus_ReadsKilobytesAsBytes()
    {
        const string status = "Name:\thull\nVmHWM:\t   24576 kB\nVmRSS:\t   23000 kB\nThreads:\t9\n";
        SettingsBenchmark.Field(status, "VmRSS").ShouldBe(23000L * 1024);
        SettingsBenchmark.Field(status, "VmHWM").ShouldBe(24576L * 1024);
    }

    [Fact]
    public void Markdown_BothTransports_ShowsPercentilesConnectsAndTheTargetForTheUnixSocketOnly()
    {
        var run = Run(
            [
                new(1, [1, 2, 3, 4], 20L << 20, 21L << 20, ApiTransport.Unix, [0.5]),
                new(20, Hundred, 22L << 20, 24L << 20, ApiTransport.Unix, [1, 2, 3]),
                new(1, [5, 6, 7, 8], 25L << 20, 26L << 20, ApiTransport.MutualTls, [9]),
                new(20, Hundred.Select(v => v * 2).ToList(), 27L << 20, 28L << 20, ApiTransport.MutualTls, [10, 30, 20, 40]),
            ],
            null);
        var text = SettingsReport.Markdown(run, "settings-x.json");
        text.ShouldContain("| Unix socket | 1 | 4 | 2.00 | 4.00 | 4.00 | 0.50 | 20.0 | 21.0 |  |");
        text.ShouldContain("| Unix socket | 20 | 100 | 50.00 | 99.00 | 100.00 | 2.00 | 22.0 | 24.0 | p50 < 5, p99 < 20, RSS < 40 |");
        text.ShouldContain("| mutual TLS | 1 | 4 | 6.00 | 8.00 | 8.00 | 9.00 | 25.0 | 26.0 |  |");
        text.ShouldContain("| mutual TLS | 20 | 100 | 100.00 | 198.00 | 200.00 | 25.00 | 27.0 | 28.0 |  |");
        text.ShouldContain("timed apart");
        text.ShouldContain("over the Unix socket or mutual TLS");
    }

    [Fact]
    public void Markdown_Binary_ShowsSizesAndStartTimes()
    {
        var run = Run([new(1, [1], 1, 1)], new HullBinaryResult(17L << 20, 56L << 20, [3, 1, 2], [120, 100, 110, 130]));
        var text = SettingsReport.Markdown(run, "settings-x.json");
        text.ShouldContain("| NativeAOT binary (MiB) | 17.0 |");
        text.ShouldContain("| root erofs it ships in (MiB) | 56.0 |");
        text.ShouldContain("| `hull --version`, spawn → exit (ms) | 2.00 (1.00–3.00) of 3 |");
        text.ShouldContain("| `hull apiserver`, spawn → its socket accepts (ms) | 115.00 (100.00–130.00) of 4 |");
    }

    // The committed results from before mutual TLS and the binary were measured must still render, for what they hold.
    [Fact]
    public void Markdown_RunFromBeforeTransports_ReadsAsUnixAndShowsTheRestUnmeasured()
    {
        const string json = """
            {"date":"2026-11-27T19:44:39+00:00","machine":"m","commit":"5f35b601","results":[
              {"clients":1,"latencies_ms":[1,2,3],"resident_bytes":1048576,"peak_resident_bytes":2097152},
              {"clients":20,"latencies_ms":[4,5,6],"resident_bytes":1048576,"peak_resident_bytes":2097152}]}
            """;
        var run = JsonSerializer.Deserialize(json, BenchJsonContext.Default.SettingsRun)!;
        run.Results.ShouldAllBe(r => r.Transport == ApiTransport.Unix && r.ConnectMs == null);
        run.Binary.ShouldBeNull();

        var text = SettingsReport.Markdown(run, "settings-2026-11-27.json");
        text.ShouldContain("| Unix socket | 1 | 3 | 2.00 | 3.00 | 3.00 | — | 1.0 | 2.0 |  |");
        text.ShouldContain("| mutual TLS | 1 | not measured | — | — | — | — | — | — |  |");
        text.ShouldContain("| mutual TLS | 20 | not measured |");
        text.ShouldContain("| NativeAOT binary (MiB) | — |");
        text.ShouldContain("first round trip also opened its connection");
        text.ShouldNotContain("user data turns on its remote listener");
        text.ShouldContain("not measured in this run");
    }

    [Fact]
    public void Serialize_Run_RoundTripsTransportsConnectsAndBinary()
    {
        var run = Run([new(20, [1, 2], 3, 4, ApiTransport.MutualTls, [5])], new HullBinaryResult(1, 2, [3], [4]));
        var json = JsonSerializer.Serialize(run, BenchJsonContext.Default.SettingsRun);
        json.ShouldContain("\"transport\": \"MutualTls\"");
        var back = JsonSerializer.Deserialize(json, BenchJsonContext.Default.SettingsRun)!;
        back.Results[0].Transport.ShouldBe(ApiTransport.MutualTls);
        back.Results[0].ConnectMs.ShouldBe([5.0]);
        back.Binary!.ApiserverStartMs.ShouldBe([4.0]);
    }

    private static SettingsRun Run(List<SettingsResult> results, HullBinaryResult? binary) =>
        new(DateTimeOffset.UnixEpoch, "test machine", "abc", results, binary);
}
