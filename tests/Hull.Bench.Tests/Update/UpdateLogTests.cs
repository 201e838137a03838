using Hull.Bench.Update;

namespace Hull.Bench.Tests.Update;

public sealed class UpdateLogTests
{
    // As the updater logged an interrupted prepare and then a whole one (a QEMU run).
    private const string Log = """
        updater: serving /run/hull/updater.sock (running 0.1.0 default x86_64, slot A)
        updater: prepare 0.1.1 in slot b (/dev/vda3): DeleteEntries at +0.0 s
        updater: prepare 0.1.1 in slot b (/dev/vda3): WriteRoot at +0.0 s
        updater: prepare of 0.1.1 into slot b was interrupted during WriteRoot (started 2026-11-28T03:28:41Z); the slot holds nothing bootable; prepare again
        updater: prepare 0.1.1 in slot b (/dev/vda3): DeleteEntries at +0.0 s
        updater: prepare 0.1.1 in slot b (/dev/vda3): WriteRoot at +0.1 s
        updater: prepare 0.1.1 in slot b (/dev/vda3): VerifyRoot at +19.6 s
        updater: prepare 0.1.1 in slot b (/dev/vda3): StageUki at +21.4 s
        updater: prepare 0.1.1 in slot b: ready after 32.2 s
        """;

    [Fact]
    public void PrepareSteps_TwoPrepares_TheLastOnesStepsAndReady()
    {
        var steps = UpdateLog.PrepareSteps(Log);

        steps.ShouldBe(new Dictionary<string, double>
        {
            ["DeleteEntries"] = 0.0, ["WriteRoot"] = 0.1, ["VerifyRoot"] = 19.6, ["StageUki"] = 21.4, ["Ready"] = 32.2,
        });
    }

    [Fact]
    public void PrepareSteps_NoPrepare_Empty() => UpdateLog.PrepareSteps("updater: serving /run/hull/updater.sock\n").ShouldBeEmpty();

    [Theory]
    [InlineData("12.34 15.84\n", 3.5)]
    [InlineData("100.00 100.00", 0.0)]
    public void UptimeSpan_TwoReadings_TheirDifference(string text, double expected) =>
        UpdateLog.UptimeSpan(text).ShouldNotBeNull().ShouldBe(expected, 1e-9);

    [Theory]
    [InlineData("")]
    [InlineData("12.34")]
    [InlineData("15.00 12.00")]
    [InlineData("dd: can't open '/dev/vda3': No such file or directory")]
    public void UptimeSpan_NotTwoOrderedReadings_Null(string text) => UpdateLog.UptimeSpan(text).ShouldBeNull();
}
