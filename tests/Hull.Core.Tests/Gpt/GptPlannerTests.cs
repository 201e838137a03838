using Hull.Gpt;

namespace Hull.Core.Tests.Gpt;

public sealed class GptPlannerTests
{
    private const long MiB = GptSamples.MiB;

    [Fact]
    public void Plan_SampleLayout_StartsEveryPartitionOn1MiB()
    {
        var partitions = GptSamples.Plan(512 * MiB);

        partitions.Select(p => p.FirstLba % 2048).ShouldAllBe(r => r == 0);
        partitions[0].FirstLba.ShouldBe(2048);
        partitions.Select(p => p.Number).ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public void Plan_FixedSize_GivesExactSectorCount()
    {
        var partitions = GptSamples.Plan(512 * MiB);

        partitions[0].SizeBytes.ShouldBe(64 * MiB);
        partitions[1].SizeBytes.ShouldBe(100 * MiB);
    }

    [Fact]
    public void Plan_SizeNotMultipleOfMiB_NextPartitionStartsOnNextMiB()
    {
        var partitions = GptSamples.Plan(512 * MiB);

        partitions[2].SizeBytes.ShouldBe((8 * MiB) + 4096);
        partitions[3].FirstLba.ShouldBe(partitions[2].FirstLba + (9 * 2048));
    }

    [Fact]
    public void Plan_RestOfDisk_EndsAtLastUsableLba()
    {
        var partitions = GptSamples.Plan(512 * MiB);

        partitions[^1].LastLba.ShouldBe((512 * MiB / 512) - 34);
    }

    [Fact]
    public void Plan_SizeInOddBytes_RoundsUpToWholeSectors()
    {
        var partitions = GptPlanner.Plan(16 * MiB, [GptPartitionRequest.Fixed("a", GptPartitionTypes.LinuxFilesystem, Guid.NewGuid(), 513)]);

        partitions[0].SectorCount.ShouldBe(2);
    }

    [Fact]
    public void Plan_RestOfDiskNotLast_Throws()
    {
        GptPartitionRequest[] requests =
        [
            GptPartitionRequest.RestOfDisk("a", GptPartitionTypes.LinuxFilesystem, Guid.NewGuid()),
            GptPartitionRequest.Fixed("b", GptPartitionTypes.LinuxFilesystem, Guid.NewGuid(), MiB),
        ];

        Should.Throw<ArgumentException>(() => GptPlanner.Plan(16 * MiB, requests)).Message.ShouldContain("'a'");
    }

    [Fact]
    public void Plan_DiskTooSmall_ThrowsNamingPartition()
    {
        GptPartitionRequest[] requests =
        [
            GptPartitionRequest.Fixed("esp", GptPartitionTypes.EfiSystem, Guid.NewGuid(), 8 * MiB),
            GptPartitionRequest.Fixed("root", GptPartitionTypes.LinuxRootX86_64, Guid.NewGuid(), 8 * MiB),
        ];

        Should.Throw<ArgumentException>(() => GptPlanner.Plan(16 * MiB, requests)).Message.ShouldContain("'root'");
    }

    [Fact]
    public void Plan_DiskSizeNotWholeSectors_Throws()
    {
        Should.Throw<ArgumentException>(() => GptPlanner.Plan((16 * MiB) + 1, []));
    }
}
