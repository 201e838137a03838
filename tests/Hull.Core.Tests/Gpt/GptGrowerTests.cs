using Hull.Core.Tests.TestSupport;
using Hull.Gpt;

namespace Hull.Core.Tests.Gpt;

public sealed class GptGrowerTests
{
    private const long ImageSize = 512 * GptSamples.MiB;
    private const long HostSize = 2048 * GptSamples.MiB;

    [Fact]
    public void GrowLastPartition_LargerDisk_SgdiskVerifiesAndLastPartitionFillsDisk()
    {
        using var disk = GptSamples.WriteImage(ImageSize);
        disk.Resize(HostSize);

        using (var stream = disk.Open())
        {
            GptGrower.GrowLastPartition(stream, HostSize);
        }

        Sgdisk.Verify(disk.Path).ShouldContain("No problems found.");
        var printed = Sgdisk.Print(disk.Path);
        printed.LastUsableLba.ShouldBe((HostSize / 512) - 34);
        Sgdisk.Info(disk.Path, 4).LastLba.ShouldBe(printed.LastUsableLba);
    }

    [Fact]
    public void GrowLastPartition_LargerDisk_KeepsOtherPartitionsAndGuids()
    {
        using var disk = GptSamples.WriteImage(ImageSize);
        disk.Resize(HostSize);
        var before = GptSamples.Plan(ImageSize);

        GptTable after;
        using (var stream = disk.Open())
        {
            GptGrower.GrowLastPartition(stream, HostSize);
            after = GptReader.Read(stream, HostSize);
        }

        after.DiskGuid.ShouldBe(GptSamples.DiskGuid);
        after.Partitions.Take(3).ShouldBe(before.Take(3));
        after.Partitions[3].ShouldBe(before[3] with { LastLba = (HostSize / 512) - 34 });
        after.EndsAt(HostSize).ShouldBeTrue();
    }

    [Fact]
    public void GrowLastPartition_LargerDisk_WipesOldBackupHeader()
    {
        using var disk = GptSamples.WriteImage(ImageSize);
        disk.Resize(HostSize);

        using (var stream = disk.Open())
        {
            GptGrower.GrowLastPartition(stream, HostSize);
        }

        disk.ReadBytes(ImageSize - 512, 512).ShouldAllBe(b => b == 0);
    }

    [Fact]
    public void GrowLastPartition_SgdiskTableWithGap_KeepsNumbering()
    {
        using var disk = TempDisk.Create(ImageSize);
        Sgdisk.Run("-n", "1:0:+32M", "-t", "1:EF00", "-n", "4:0:0", "-t", "4:8300", disk.Path);
        disk.Resize(HostSize);

        using (var stream = disk.Open())
        {
            GptGrower.GrowLastPartition(stream, HostSize);
        }

        Sgdisk.Verify(disk.Path).ShouldContain("No problems found.");
        Sgdisk.Print(disk.Path).PartitionNumbers.ShouldBe([1, 4]);
        Sgdisk.Info(disk.Path, 4).LastLba.ShouldBe((HostSize / 512) - 34);
    }

    [Fact]
    public void GrowLastPartition_AlreadyFillsDisk_WritesNothing()
    {
        var stream = new SparseStream(ImageSize);
        GptWriter.Write(stream, ImageSize, GptSamples.DiskGuid, GptSamples.Plan(ImageSize));
        stream.ClearWriteLog();

        GptGrower.GrowLastPartition(stream, ImageSize);

        stream.WrittenSectors.ShouldBeEmpty();
    }

    [Fact]
    public void WithLastPartitionGrownTo_SmallerDisk_Throws()
    {
        var stream = new SparseStream(ImageSize);
        GptWriter.Write(stream, ImageSize, GptSamples.DiskGuid, GptSamples.Plan(ImageSize));
        var table = GptReader.Read(stream, ImageSize);

        Should.Throw<ArgumentOutOfRangeException>(() => table.WithLastPartitionGrownTo(ImageSize / 2)).Message.ShouldContain("'data'");
    }
}
