using Hull.Core.Tests.TestSupport;
using Hull.Gpt;

namespace Hull.Core.Tests.Gpt;

public sealed class GptReaderTests
{
    private const long DiskSize = 256 * GptSamples.MiB;
    private const long LastLba = (DiskSize / 512) - 1;

    private static readonly Guid DiskGuid = new("5C1D7A1E-0B3E-4C55-9D51-6A0E2B7F1A01");
    private static readonly Guid EspGuid = new("5C1D7A1E-0B3E-4C55-9D51-6A0E2B7F1A02");
    private static readonly Guid DataGuid = new("5C1D7A1E-0B3E-4C55-9D51-6A0E2B7F1A03");

    [Fact]
    public void Read_TableMadeBySgdisk_MatchesWhatSgdiskReports()
    {
        using var disk = CreateWithSgdisk();

        var table = Read(disk);

        table.DiskGuid.ShouldBe(DiskGuid);
        var printed = Sgdisk.Print(disk.Path);
        table.FirstUsableLba.ShouldBe(printed.FirstUsableLba);
        table.LastUsableLba.ShouldBe(printed.LastUsableLba);
        table.BackupHeaderLba.ShouldBe(LastLba);
        table.Partitions.Select(p => p.Number).ShouldBe(printed.PartitionNumbers);
        foreach (var p in table.Partitions)
        {
            new SgdiskPartition(p.Name, p.TypeGuid, p.UniqueGuid, p.FirstLba, p.LastLba, p.Attributes).ShouldBe(Sgdisk.Info(disk.Path, p.Number));
        }
    }

    [Fact]
    public void Read_TableMadeBySgdisk_KeepsSlotNumbersAcrossGaps()
    {
        using var disk = CreateWithSgdisk();

        var table = Read(disk);

        table.Partitions.Select(p => (p.Number, p.Name, p.TypeGuid, p.UniqueGuid)).ShouldBe(
        [
            (1, "EFI System", GptPartitionTypes.EfiSystem, EspGuid),
            (3, "data", GptPartitionTypes.LinuxFilesystem, DataGuid),
        ]);
    }

    [Fact]
    public void TryRead_CorruptPrimaryHeader_FallsBackToBackup()
    {
        using var disk = CreateWithSgdisk();
        disk.Corrupt((512 * 1) + 40); // FirstUsableLBA of the primary header.

        GptReadResult result;
        using (var stream = disk.Open())
        {
            result = GptReader.TryRead(stream, disk.SizeBytes);
        }

        result.Found.ShouldBeTrue();
        result.Source.ShouldBe(GptHeaderCopy.Backup);
        result.NeedsRepair.ShouldBeTrue();
        result.PrimaryError!.Value.Kind.ShouldBe(GptErrorKind.HeaderCrcMismatch);
        result.PrimaryError!.Value.Message.ShouldStartWith("GPT header CRC mismatch at LBA 1");
        result.Table.DiskGuid.ShouldBe(DiskGuid);
        result.Table.Partitions.Count.ShouldBe(2);
    }

    [Fact]
    public void TryRead_CorruptPrimaryEntries_FallsBackToBackup()
    {
        using var disk = CreateWithSgdisk();
        disk.Corrupt((512 * 2) + 60); // A name character of entry 1.

        using var stream = disk.Open();
        var result = GptReader.TryRead(stream, disk.SizeBytes);

        result.Source.ShouldBe(GptHeaderCopy.Backup);
        result.PrimaryError!.Value.Kind.ShouldBe(GptErrorKind.EntriesCrcMismatch);
        result.Table!.Partitions[0].Name.ShouldBe("EFI System");
    }

    [Fact]
    public void Read_RepairFromBackup_SgdiskVerifiesAgain()
    {
        using var disk = CreateWithSgdisk();
        disk.Corrupt(512, 8); // The signature.

        using (var stream = disk.Open())
        {
            var table = GptReader.Read(stream, disk.SizeBytes);
            GptWriter.Write(stream, disk.SizeBytes, table);
        }

        Sgdisk.Verify(disk.Path).ShouldContain("No problems found.");
        Sgdisk.Print(disk.Path).PartitionNumbers.ShouldBe([1, 3]);
    }

    [Fact]
    public void Read_BothCopiesCorrupt_ThrowsNamingBoth()
    {
        using var disk = CreateWithSgdisk();
        disk.Corrupt(512 + 40);
        disk.Corrupt((LastLba * 512) + 40);

        using var stream = disk.Open();
        var ex = Should.Throw<GptException>(() => GptReader.Read(stream, disk.SizeBytes));

        ex.Primary.Kind.ShouldBe(GptErrorKind.HeaderCrcMismatch);
        ex.Backup.Kind.ShouldBe(GptErrorKind.HeaderCrcMismatch);
        ex.Message.ShouldContain("GPT header CRC mismatch at LBA 1");
        ex.Message.ShouldContain($"GPT header CRC mismatch at LBA {LastLba}");
    }

    [Fact]
    public void TryRead_BlankDisk_ReportsMissingSignature()
    {
        var stream = new SparseStream(DiskSize);

        var result = GptReader.TryRead(stream, DiskSize);

        result.Found.ShouldBeFalse();
        result.PrimaryError!.Value.Kind.ShouldBe(GptErrorKind.MissingSignature);
        result.BackupError!.Value.Message.ShouldBe($"GPT signature missing at LBA {LastLba}");
    }

    private static TempDisk CreateWithSgdisk()
    {
        var disk = TempDisk.Create(DiskSize);
        Sgdisk.Run(
            "-U", DiskGuid.ToString(),
            "-n", "1:0:+64M", "-t", "1:EF00", "-c", "1:EFI System", "-u", $"1:{EspGuid}",
            "-n", "3:0:0", "-t", "3:8300", "-c", "3:data", "-u", $"3:{DataGuid}", "-A", "3:set:2",
            disk.Path);
        return disk;
    }

    private static GptTable Read(TempDisk disk)
    {
        using var stream = disk.Open();
        return GptReader.Read(stream, disk.SizeBytes);
    }
}
