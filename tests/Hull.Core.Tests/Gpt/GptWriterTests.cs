using System.Buffers.Binary;
using Hull.Core.Tests.TestSupport;
using Hull.Gpt;

namespace Hull.Core.Tests.Gpt;

public sealed class GptWriterTests
{
    private const long DiskSize = 512 * GptSamples.MiB;

    [Fact]
    public void Write_SampleLayout_SgdiskVerifyFindsNoProblems()
    {
        using var disk = GptSamples.WriteImage(DiskSize);

        var output = Sgdisk.Verify(disk.Path);

        output.ShouldContain("No problems found.");
        output.ShouldNotContain("Warning");
    }

    [Fact]
    public void Write_SampleLayout_SgdiskReportsDiskGuidAndUsableRange()
    {
        using var disk = GptSamples.WriteImage(DiskSize);

        var printed = Sgdisk.Print(disk.Path);

        printed.DiskGuid.ShouldBe(GptSamples.DiskGuid);
        printed.FirstUsableLba.ShouldBe(34);
        printed.LastUsableLba.ShouldBe((DiskSize / 512) - 34);
        printed.PartitionNumbers.ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public void Write_SampleLayout_SgdiskReportsEveryPartitionAsWritten()
    {
        using var disk = GptSamples.WriteImage(DiskSize);
        var partitions = GptSamples.Plan(DiskSize);

        foreach (var p in partitions)
        {
            var info = Sgdisk.Info(disk.Path, p.Number);
            info.ShouldBe(new SgdiskPartition(p.Name, p.TypeGuid, p.UniqueGuid, p.FirstLba, p.LastLba, p.Attributes));
        }
    }

    [Fact]
    public void Write_NonAsciiName_SgdiskReadsSameName()
    {
        using var disk = TempDisk.Create(16 * GptSamples.MiB);
        var name = "räksmörgås-Ωμέγα-€";
        var partitions = GptPlanner.Plan(disk.SizeBytes, [GptPartitionRequest.RestOfDisk(name, GptPartitionTypes.LinuxFilesystem, Guid.NewGuid())]);
        using (var stream = disk.Open())
        {
            GptWriter.Write(stream, disk.SizeBytes, Guid.NewGuid(), partitions);
        }

        Sgdisk.Info(disk.Path, 1).Name.ShouldBe(name);
    }

    [Fact]
    public void Write_DiskOver2TiB_CapsProtectiveMbrAndSgdiskAccepts()
    {
        const long size = 3L * 1024 * 1024 * GptSamples.MiB;
        using var disk = GptSamples.WriteImage(size);

        var record = disk.ReadBytes(446, 16);
        record[4].ShouldBe((byte)0xEE);
        BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(8)).ShouldBe(1u);
        BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(12)).ShouldBe(uint.MaxValue);
        Sgdisk.Verify(disk.Path).ShouldContain("No problems found.");
    }

    [Fact]
    public void Write_SmallDisk_ProtectiveMbrCoversDiskFromLba1()
    {
        using var disk = GptSamples.WriteImage(DiskSize);

        var mbr = disk.ReadBytes(0, 512);

        mbr[446 + 4].ShouldBe((byte)0xEE);
        BinaryPrimitives.ReadUInt32LittleEndian(mbr.AsSpan(446 + 12)).ShouldBe((uint)((DiskSize / 512) - 1));
        mbr[510].ShouldBe((byte)0x55);
        mbr[511].ShouldBe((byte)0xAA);
    }

    [Fact]
    public void Write_Header_UsesSpecSignatureRevisionSizeAndMixedEndianGuid()
    {
        using var disk = GptSamples.WriteImage(DiskSize);

        var header = disk.ReadBytes(512, 92);

        header.AsSpan(0, 8).ToArray().ShouldBe("EFI PART"u8.ToArray());
        BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8)).ShouldBe(0x00010000u);
        BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12)).ShouldBe(92u);
        // 11223344-5566-7788-99AA-BBCCDDEEFF00: the first three fields little-endian, the rest as written.
        header.AsSpan(56, 16).ToArray().ShouldBe(Convert.FromHexString("4433221166558877" + "99AABBCCDDEEFF00"));
    }

    [Fact]
    public void Write_BackupHeader_SwapsMyAndAlternateLbaAndPointsAtBackupEntries()
    {
        using var disk = GptSamples.WriteImage(DiskSize);
        var lastLba = (DiskSize / 512) - 1;

        var backup = disk.ReadBytes(lastLba * 512, 92);

        BinaryPrimitives.ReadInt64LittleEndian(backup.AsSpan(24)).ShouldBe(lastLba);
        BinaryPrimitives.ReadInt64LittleEndian(backup.AsSpan(32)).ShouldBe(1);
        BinaryPrimitives.ReadInt64LittleEndian(backup.AsSpan(72)).ShouldBe(lastLba - 32);
    }

    [Fact]
    public void Write_SparseStream_TouchesOnlyTableSectors()
    {
        const long size = 64L * 1024 * 1024 * GptSamples.MiB;
        var stream = new SparseStream(size);
        var sectors = size / 512;

        GptWriter.Write(stream, size, GptSamples.DiskGuid, GptSamples.Plan(size));

        var expected = Enumerable.Range(0, 34).Select(i => (long)i).Concat(Enumerable.Range(0, 33).Select(i => sectors - 33 + i));
        stream.WrittenSectors.Order().ShouldBe(expected);
    }

    [Fact]
    public void Write_OverlappingPartitions_Throws()
    {
        var partitions = new[]
        {
            new GptPartition("a", GptPartitionTypes.LinuxFilesystem, Guid.NewGuid(), 2048, 4095),
            new GptPartition("b", GptPartitionTypes.LinuxFilesystem, Guid.NewGuid(), 4095, 8191),
        };

        Should.Throw<ArgumentException>(() => GptWriter.Write(new SparseStream(DiskSize), DiskSize, Guid.NewGuid(), partitions))
            .Message.ShouldContain("overlap");
    }

    [Fact]
    public void Write_NameLongerThan36_Throws()
    {
        var partitions = new[] { new GptPartition(new string('x', 37), GptPartitionTypes.LinuxFilesystem, Guid.NewGuid(), 2048, 4095) };

        Should.Throw<ArgumentException>(() => GptWriter.Write(new SparseStream(DiskSize), DiskSize, Guid.NewGuid(), partitions));
    }

    [Fact]
    public void Write_PartitionPastLastUsableLba_Throws()
    {
        var lastUsable = (DiskSize / 512) - 34;
        var partitions = new[] { new GptPartition("a", GptPartitionTypes.LinuxFilesystem, Guid.NewGuid(), 2048, lastUsable + 1) };

        Should.Throw<ArgumentException>(() => GptWriter.Write(new SparseStream(DiskSize), DiskSize, Guid.NewGuid(), partitions))
            .Message.ShouldContain("outside the usable range");
    }

    [Fact]
    public void Write_ExplicitNumbers_SgdiskSeesThemInThoseSlots()
    {
        using var disk = TempDisk.Create(64 * GptSamples.MiB);
        var partitions = new[]
        {
            new GptPartition("one", GptPartitionTypes.EfiSystem, Guid.NewGuid(), 2048, 4095) { Number = 1 },
            new GptPartition("five", GptPartitionTypes.LinuxFilesystem, Guid.NewGuid(), 4096, 8191) { Number = 5 },
        };
        using (var stream = disk.Open())
        {
            GptWriter.Write(stream, disk.SizeBytes, Guid.NewGuid(), partitions);
        }

        Sgdisk.Print(disk.Path).PartitionNumbers.ShouldBe([1, 5]);
        Sgdisk.Info(disk.Path, 5).Name.ShouldBe("five");
    }
}
