using Hull.Bench.Compare;
using Hull.Builder.Tools;
using Hull.Platform;

namespace Hull.Bench.Tests.Compare;

public sealed class GuestSampleTests
{
    private const string Console =
        "HULL-BENCH 1.0 initramfs.start\n" +
        "HULL-BENCH 6.5 containerd.ready\n" +
        "HULL-BENCH-FILE /proc/meminfo\nMemTotal:        1000 kB\nMemFree:          500 kB\nMemAvailable:     600 kB\nBuffers:           10 kB\nCached:            40 kB\nSReclaimable:      50 kB\nHULL-BENCH-END\n" +
        "HULL-BENCH-FILE /proc/net/tcp\n  sl  local_address rem_address   st\n   0: 00000000:0016 00000000:0000 0A 0 0 0 0 0 1\nHULL-BENCH-END\n" +
        "HULL-BENCH-FILE /proc/net/tcp6\n   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 0 0 0\nHULL-BENCH-END\n" +
        "HULL-BENCH-FILE /proc/net/udp6\ncat: can't open '/proc/net/udp6': No such file or directory\nHULL-BENCH-END\n" +
        "HULL-BENCH-FILE /proc/net/unix\nNum RefCount Protocol Flags Type St Inode Path\n0000: 00000002 00000000 00010000 0001 01 11 /run/containerd/containerd.sock\nHULL-BENCH-END\n" +
        "HULL-BENCH 17.0 first-container.request\n" +
        "HULL-BENCH 19.25 first-container.running\n" +
        "HULL-BENCH 19.5 done\n";

    [Fact]
    public void From_BaselineConsole_SampleOfEverythingItSent()
    {
        var sample = GuestSample.From(SerialReport.Parse(Console), wallAtFirstEvent: 3.5, BootPhases.ContainerdReady);

        sample.PreKernelSeconds.ShouldBe(2.5); // initramfs.start, the first event, at 1.0 s uptime
        sample.At(BootPhases.ContainerdReady).ShouldBe(6.5);
        sample.MemInUseBytes.ShouldBe(400L * 1024);
        sample.FreeUsedBytes.ShouldBe(400L * 1024); // 1000 - 500 - 10 - 40 - 50 kB
        sample.Sockets.ShouldBe(new ListeningSockets(2, 0, 1));
        sample.FirstContainerSeconds.ShouldBe(2.25);
    }

    [Fact]
    public void From_NoFirstContainer_IsNull()
    {
        var console = Console.Replace("HULL-BENCH 19.25 first-container.running\n", "", StringComparison.Ordinal);
        GuestSample.From(SerialReport.Parse(console), 9, BootPhases.ContainerdReady).FirstContainerSeconds.ShouldBeNull();
    }

    [Fact]
    public void From_ReadyEventOrMeminfoMissing_ThrowsNamingIt()
    {
        Should.Throw<ToolException>(() => GuestSample.From(SerialReport.Parse(Console), 9, BootPhases.Ready)).Message.ShouldContain("'ready'");
        Should.Throw<ToolException>(() => GuestSample.From(SerialReport.Parse("HULL-BENCH 1 ready\n"), 9, BootPhases.Ready)).Message.ShouldContain("/proc/meminfo");
    }
}
