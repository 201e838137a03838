using Hull.Bench.Compare;
using Hull.Platform;

namespace Hull.Bench.Tests.Compare;

/// <summary>Made-up boots for the report and picture tests.</summary>
internal static class Samples
{
    public static CompareSample Boot(double preKernel, double containerdReady, long inUseMib = 100, double? firstContainer = 2, params BootEvent[] more) =>
        new(preKernel, [new BootEvent(1, BootPhases.InitramfsStart), new BootEvent(2, BootPhases.InitStart), new BootEvent(3, BootPhases.ContainerdStart),
                new BootEvent(containerdReady, BootPhases.ContainerdReady), .. more],
            1000L << 20, (1000L - inUseMib) << 20, (inUseMib - 10) << 20, new ListeningSockets(1, 2, 3), firstContainer);

    public static CompareSample Floor(double preKernel, double ready) =>
        new(preKernel, [new BootEvent(0.9, BootPhases.InitramfsStart), new BootEvent(ready, BootPhases.Ready)], 1000L << 20, 950L << 20, 40L << 20, new ListeningSockets(0, 0, 0), null);

    public static ImageFacts Facts(long rootMib, int executables, long diskMib) =>
        new(rootMib << 20, 10L << 20, diskMib << 20, (diskMib / 2) << 20, new TreeCensus(1000, rootMib << 21, executables, 2, 1));

    public static CompareRun Run() => new(
        DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "test machine", "abc12345", "0.1.0", "6.1.0-56-cloud-amd64", 3,
        [
            new ImageResult(ImageNames.HullDirect, Facts(56, 100, 770), [Boot(3, 8, more: new BootEvent(7, BootPhases.ApiReady)), Boot(3, 9), Boot(3, 10)]),
            new ImageResult(ImageNames.HullUefi, Facts(56, 100, 770), [Boot(8, 9), Boot(8, 9), Boot(8, 9)]),
            new ImageResult(ImageNames.Baseline, Facts(400, 1000, 2048), [Boot(3, 16, 200, 4), Boot(3, 18, 200, 4), Boot(3, 20, 200, 4)]),
            new ImageResult(ImageNames.Floor, new ImageFacts(4L << 20, 4L << 20, 0, 0, new TreeCensus(20, 4L << 20, 2, 0, 0)), [Floor(2, 2), Floor(2, 2), Floor(2, 2)]),
        ]);
}
