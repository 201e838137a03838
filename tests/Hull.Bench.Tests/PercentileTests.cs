using CsCheck;

namespace Hull.Bench.Tests;

public sealed class PercentileTests
{
    [Fact]
    public void Of_NearestRank_PicksTheSampleAtTheRank()
    {
        double[] values = [15, 20, 35, 40, 50];
        Percentile.Of(values, 30).ShouldBe(20);
        Percentile.Of(values, 50).ShouldBe(35);
        Percentile.Of(values, 100).ShouldBe(50);
        Percentile.Of(values, 1).ShouldBe(15);
    }

    [Fact]
    public void Of_NoSamplesOrBadPercent_Throws()
    {
        Should.Throw<ArgumentException>(() => Percentile.Of([], 50));
        Should.Throw<ArgumentException>(() => Percentile.Of([1.0], 0));
        Should.Throw<ArgumentException>(() => Percentile.Of([1.0], 101));
    }

    [Fact]
    public void Of_AnySamples_AtLeastThatShareIsAtOrBelow()
    {
        Gen.Select(Gen.Double[0, 1000].Array[1, 200], Gen.Int[1, 100]).Sample((values, percent) =>
        {
            var p = Percentile.Of(values, percent);
            values.ShouldContain(p);
            (values.Count(v => v <= p) * 100.0 / values.Length).ShouldBeGreaterThanOrEqualTo(percent);
        });
    }
}
