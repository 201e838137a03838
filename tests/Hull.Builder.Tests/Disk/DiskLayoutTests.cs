using Hull.Builder.Disk;
using Hull.Gpt;

namespace Hull.Builder.Tests.Disk;

public sealed class DiskLayoutTests
{
    private const long Sector = GptLayout.SectorSize;

    [Fact]
    public void Plan_AnyVersion_FivePartitionsInOrderWithTheirTypes()
    {
        var partitions = DiskLayout.Plan("1.0.0");

        partitions.Select(p => p.Name).ShouldBe(["ESP", "ROOT-A", "ROOT-B", "STATE", "DATA"]);
        partitions.Select(p => p.Number).ShouldBe([1, 2, 3, 4, 5]);
        partitions.Select(p => p.TypeGuid).ShouldBe(
        [
            GptPartitionTypes.EfiSystem, GptPartitionTypes.LinuxRootX86_64, GptPartitionTypes.LinuxRootX86_64,
            GptPartitionTypes.LinuxFilesystem, GptPartitionTypes.LinuxFilesystem,
        ]);
    }

    [Fact]
    public void Plan_AnyVersion_FixedPartitionsHaveTheDocumentedSizes()
    {
        var partitions = DiskLayout.Plan("1.0.0");

        partitions[0].SizeBytes.ShouldBe(128 * DiskLayout.MiB);
        partitions[1].SizeBytes.ShouldBe(256 * DiskLayout.MiB);
        partitions[2].SizeBytes.ShouldBe(256 * DiskLayout.MiB);
        partitions[3].SizeBytes.ShouldBe(64 * DiskLayout.MiB);
        partitions[4].SizeBytes.ShouldBeGreaterThanOrEqualTo(64 * DiskLayout.MiB);
    }

    [Fact]
    public void Plan_AnyVersion_PartitionsAreMiBAlignedBackToBackAndDataEndsAtLastUsableLba()
    {
        var partitions = DiskLayout.Plan("1.0.0");
        var diskSectors = DiskLayout.DiskSize / Sector;

        partitions[0].FirstLba.ShouldBe(2048);
        for (var i = 1; i < partitions.Count; i++)
        {
            partitions[i].FirstLba.ShouldBe(partitions[i - 1].LastLba + 1);
            (partitions[i].FirstLba * Sector % DiskLayout.MiB).ShouldBe(0);
        }

        // The backup GPT takes the last 33 sectors: 32 of entries and the header.
        partitions[^1].LastLba.ShouldBe(diskSectors - 34);
        DiskLayout.DiskSize.ShouldBe(770 * DiskLayout.MiB);
    }

    [Fact]
    public void Plan_SameVersion_SameGuids()
    {
        var first = DiskLayout.Plan("1.2.3");
        var second = DiskLayout.Plan("1.2.3");

        second.Select(p => p.UniqueGuid).ShouldBe(first.Select(p => p.UniqueGuid));
        DiskLayout.GuidFor("1.2.3", "disk").ShouldBe(DiskLayout.GuidFor("1.2.3", "disk"));
    }

    [Fact]
    public void Plan_OtherVersion_EveryGuidDiffers()
    {
        var first = DiskLayout.Plan("1.2.3");
        var second = DiskLayout.Plan("1.2.4");

        first.Select(p => p.UniqueGuid).Intersect(second.Select(p => p.UniqueGuid)).ShouldBeEmpty();
        DiskLayout.GuidFor("1.2.3", "disk").ShouldNotBe(DiskLayout.GuidFor("1.2.4", "disk"));
    }

    [Fact]
    public void Plan_OneVersion_GuidsAreDistinctVersion4Guids()
    {
        var guids = DiskLayout.Plan("1.0.0").Select(p => p.UniqueGuid).Append(DiskLayout.GuidFor("1.0.0", "disk")).ToList();

        guids.Distinct().Count().ShouldBe(guids.Count);
        foreach (var guid in guids)
        {
            // RFC 9562: the version nibble starts the third group, the variant bits 10xx the fourth.
            var text = guid.ToString("D");
            text[14].ShouldBe('4', text);
            "89ab".ShouldContain(text[19], text);
        }
    }
}
