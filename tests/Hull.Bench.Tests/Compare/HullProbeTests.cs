using Hull.Api;
using Hull.Bench.Compare;

namespace Hull.Bench.Tests.Compare;

public sealed class HullProbeTests
{
    [Fact]
    public void Events_HullTimeline_MappedToTheCommonNamesThenKeptAsIs()
    {
        List<TimelineEvent> timeline =
        [
            new(1.9, "stage1.start"), new(2.4, "stage1.root-mounted"), new(3.1, "init.start"), new(3.5, "service.started containerd"),
            new(6.0, "service.ready apiserver"), new(6.6, "service.ready containerd"), new(7.0, "service.ready workloads"),
        ];

        var events = HullProbe.Events(timeline);

        events.Take(6).ShouldBe(
        [
            new BootEvent(1.9, BootPhases.InitramfsStart), new BootEvent(2.4, "initramfs.end"), new BootEvent(3.1, BootPhases.InitStart),
            new BootEvent(3.5, BootPhases.ContainerdStart), new BootEvent(6.6, BootPhases.ContainerdReady), new BootEvent(6.0, BootPhases.ApiReady),
        ]);
        events.ShouldContain(new BootEvent(7.0, "service.ready workloads"));
        events.ShouldContain(new BootEvent(1.9, "stage1.start"));
        events.Count(e => e.Name == "init.start").ShouldBe(1);
    }

    [Fact]
    public void FirstCommand_RunByARealShell_PrintsAMarkerTheParserReads()
    {
        var start = new System.Diagnostics.ProcessStartInfo(HullProbe.FirstCommand[0]) { RedirectStandardOutput = true };
        start.ArgumentList.Add(HullProbe.FirstCommand[1]);
        start.ArgumentList.Add(HullProbe.FirstCommand[2].Replace("exec sleep 3600", "true", StringComparison.Ordinal));
        using var sh = System.Diagnostics.Process.Start(start)!;
        var output = sh.StandardOutput.ReadToEnd();
        sh.WaitForExit();

        sh.ExitCode.ShouldBe(0);
        SerialReport.Parse(output).Find(GuestSample.FirstContainerRunning)!.Uptime.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task WallAtLineAsync_FileAppearsThenTheLine_SecondsFromTheFilesAppearance()
    {
        using var temp = new TempDirectory();
        var path = temp.File("serial.log");
        var watching = HullProbe.WallAtLineAsync(path, HullProbe.Stage1ConsoleLine, TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        watching.IsCompleted.ShouldBeFalse();

        await File.WriteAllTextAsync(path, "", TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        watching.IsCompleted.ShouldBeFalse();
        await File.AppendAllTextAsync(path, "hull: stage 1: slot a, root ROOT-A\n", TestContext.Current.CancellationToken);

        (await watching).ShouldBeGreaterThan(0.2);
    }

    [Fact]
    public async Task WallAtLineAsync_CancelledBeforeTheLine_IsNaN()
    {
        using var temp = new TempDirectory();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        double.IsNaN(await HullProbe.WallAtLineAsync(temp.File("never.log"), "x", cancel.Token)).ShouldBeTrue();
    }
}
