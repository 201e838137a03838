using Hull.Bench.Compare;

namespace Hull.Bench.Tests.Compare;

public sealed class BootPhasesTests
{
    [Fact]
    public void Of_HullBoot_ConsecutivePhasesFromQemuStartInTimeOrder()
    {
        var sample = Samples.Boot(3, 8, more: new BootEvent(7, BootPhases.ApiReady));

        var phases = BootPhases.Of(sample);

        phases.Select(p => p.Name).ShouldBe([BootPhases.Firmware, BootPhases.Kernel, "initramfs / stage 1", "init, until containerd starts", "until the API is ready", "until containerd is ready"]);
        phases.Select(p => (p.Start, p.End)).ShouldBe([(0, 3), (3, 4), (4, 5), (5, 6), (6, 10), (10, 11)]);
    }

    [Fact]
    public void Of_Floor_EndsWithItsInitramfs()
    {
        var phases = BootPhases.Of(Samples.Floor(2, 1.5));
        phases.Select(p => p.Name).ShouldBe([BootPhases.Firmware, BootPhases.Kernel, "initramfs / stage 1"]);
        phases[^1].End.ShouldBe(3.5);
    }

    [Fact]
    public void Of_MissingEvents_AreSkippedAndUnknownOnesIgnored()
    {
        var sample = Samples.Floor(1, 2) with { Events = [new BootEvent(0.5, "something.else"), new BootEvent(2, BootPhases.Ready)] };
        BootPhases.Of(sample).Select(p => (p.Name, p.Seconds)).ShouldBe([(BootPhases.Firmware, 1.0), ("initramfs / stage 1", 2.0)]);
    }
}
