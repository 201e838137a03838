using Hull.Bench.Compare;

namespace Hull.Bench.Tests.Compare;

public sealed class SerialReportTests
{
    [Fact]
    public void Parse_ConsoleWithNoise_ReadsEventsAndFilesInOrder()
    {
        const string console =
            "[    0.000000] Linux version 6.1.0-56-cloud-amd64\r\n" +
            "HULL-BENCH 1.25 initramfs.start\r\n" +
            "Begin: Loading essential drivers ... HULL-BENCH 1.50 initramfs.end\r\n" +
            "HULL-BENCH 4.000000 init.start\n" +
            "HULL-BENCH-FILE /proc/meminfo\n" +
            "MemTotal:        1000 kB\n" +
            "MemAvailable:     600 kB\n" +
            "HULL-BENCH-END\n" +
            "baseline login: HULL-BENCH 9.5 first-container.running\n";

        var report = SerialReport.Parse(console);

        report.Events.ShouldBe([new BootEvent(1.25, "initramfs.start"), new BootEvent(1.5, "initramfs.end"), new BootEvent(4, "init.start"), new BootEvent(9.5, "first-container.running")]);
        report.File("/proc/meminfo").ShouldBe("MemTotal:        1000 kB\nMemAvailable:     600 kB\n");
        report.Find("init.start")!.Uptime.ShouldBe(4);
    }

    [Fact]
    public void Parse_MalformedMarkers_AreNotEvents()
    {
        var report = SerialReport.Parse("HULL-BENCH soon containerd.ready\nHULL-BENCH 3.0\nHULL-BENCH 3.0 \nHULL-BENCH-ERROR insmod x\n");
        report.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_FileWithoutFinalNewline_EndMarkerOnItsLastLine()
    {
        var report = SerialReport.Parse("HULL-BENCH-FILE /proc/net/unix\nNum RefCount\nlastHULL-BENCH-END\nHULL-BENCH 2 done\n");
        report.File("/proc/net/unix").ShouldBe("Num RefCount\nlast\n");
        report.Find("done").ShouldNotBeNull();
    }

    [Fact]
    public void Parse_UnfinishedFileOrMissingOne_IsEmpty()
    {
        var report = SerialReport.Parse("HULL-BENCH-FILE /proc/meminfo\nMemTotal: 1 kB\n");
        report.Files.ShouldBeEmpty();
        report.File("/proc/meminfo").ShouldBe("");
        report.Find("done").ShouldBeNull();
    }

    [Fact]
    public void Parse_CriLogLines_FindsTheContainersMarker()
    {
        var report = SerialReport.Parse("2026-11-27T10:00:00.1Z stdout F HULL-BENCH 31.07 first-container.running\n");
        report.Find("first-container.running")!.Uptime.ShouldBe(31.07);
    }
}
