using Hull.Verity;

namespace Hull.Core.Tests.Verity;

public sealed class VerityLayoutTests
{
    [Theory]
    [InlineData(1L, 0, 0L)]
    [InlineData(2L, 1, 1L)]
    [InlineData(128L, 1, 1L)]
    [InlineData(129L, 2, 3L)]
    [InlineData(16384L, 2, 129L)]
    [InlineData(16385L, 3, 132L)]
    public void Compute_DataBlocks_LevelsAndSize(long dataBlocks, int levels, long totalHashBlocks)
    {
        var layout = VerityLayout.Compute(dataBlocks, 128);

        layout.Levels.ShouldBe(levels);
        layout.TotalHashBlocks.ShouldBe(totalHashBlocks);
    }

    [Fact]
    public void Compute_ThreeLevels_TopLevelStoredFirst()
    {
        var layout = VerityLayout.Compute(16385, 128);

        layout.StartOf(2).ShouldBe(0);
        layout.BlocksIn(2).ShouldBe(1);
        layout.StartOf(1).ShouldBe(1);
        layout.BlocksIn(1).ShouldBe(2);
        layout.StartOf(0).ShouldBe(3);
        layout.BlocksIn(0).ShouldBe(129);
    }
}
