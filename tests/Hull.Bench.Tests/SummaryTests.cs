using CsCheck;

namespace Hull.Bench.Tests;

public sealed class SummaryTests
{
    [Fact]
    public void Of_OddCount_MedianIsTheMiddle()
    {
        Summary.Of([3.0, 1.0, 2.0]).ShouldBe(new Summary(2.0, 1.0, 3.0, 3));
    }

    [Fact]
    public void Of_EvenCount_MedianIsTheMeanOfTheMiddleTwo()
    {
        Summary.Of([4.0, 1.0, 2.0, 10.0]).ShouldBe(new Summary(3.0, 1.0, 10.0, 4));
    }

    [Fact]
    public void Of_Empty_IsNaNWithNoCount()
    {
        var s = Summary.Of([]);
        s.Count.ShouldBe(0);
        double.IsNaN(s.Median).ShouldBeTrue();
        s.ToString().ShouldBe("-");
    }

    [Fact]
    public void Of_AnySamples_MedianLiesBetweenMinAndMax()
    {
        Gen.Double[-1e6, 1e6].Array[1, 50].Sample(values =>
        {
            var s = Summary.Of(values);
            s.Min.ShouldBe(values.Min());
            s.Max.ShouldBe(values.Max());
            s.Median.ShouldBeInRange(s.Min, s.Max);
            values.Count(v => v < s.Median).ShouldBeLessThanOrEqualTo(values.Length / 2);
        });
    }
}
