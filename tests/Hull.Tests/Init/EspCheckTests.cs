using Hull.Init;
using Hull.Platform;
using Hull.Testing;

namespace Hull.Tests.Init;

/// <summary>The ESP's dirty mark and its repair, on FAT images made by mkfs.vfat and judged by fsck.fat (dosfstools) as the oracle.</summary>
public sealed class EspCheckTests : IDisposable
{
    private const string HostFsck = "/sbin/fsck.fat";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("32", 0x41)]
    [InlineData("16", 0x25)]
    public void IsDirty_TheMarkFsckFatReads_IsSeen(string fatSize, int stateOffset)
    {
        var image = Format(fatSize);
        EspCheck.IsDirty(BootSector(image)).ShouldBeFalse();
        Check(image).Output.ShouldNotContain("Dirty bit is set");

        SetByte(image, stateOffset, 0x01);

        EspCheck.IsDirty(BootSector(image)).ShouldBeTrue();
        Check(image).Output.ShouldContain("Dirty bit is set");
    }

    [Fact]
    public void IsDirty_NotABootSector_IsFalse()
    {
        var sector = new byte[512];
        sector[0x41] = 0x01;
        sector[0x25] = 0x01;

        EspCheck.IsDirty(sector).ShouldBeFalse();
    }

    [Fact]
    public void RepairIfDirty_CutWithAFileInItsFoldersButNotInItsTable_RepairsTheVolumeAndSaysSo()
    {
        var image = Format("32");
        var file = _dir.Write("uki.efi", new byte[200_000]);
        ToolProcess.Run("mcopy", "-i", image, file, "::/uki.efi").ExitCode.ShouldBe(0);
        // What a cut can leave: the folder lists the file's clusters, both copies of the table say they are free.
        FreeClustersFrom(image, firstCluster: 3);
        SetByte(image, 0x41, 0x01);
        Check(image).ExitCode.ShouldNotBe(0);
        var console = new StringWriter();

        EspCheck.RepairIfDirty(image, console, HostFsck);

        console.ToString().ShouldContain($"hull: init: the ESP ({image}) was not unmounted cleanly; fsck.fat checked and repaired it:\n");
        console.ToString().ShouldContain("Dirty bit is set");
        console.ToString().ShouldNotContain("fsck.fat 4");
        EspCheck.IsDirty(BootSector(image)).ShouldBeFalse();
        Check(image).ExitCode.ShouldBe(0, Check(image).Output);
    }

    [Fact]
    public void RepairIfDirty_CleanVolume_LeavesItAloneAndSaysNothing()
    {
        var image = Format("32");
        var before = File.ReadAllBytes(image);
        var console = new StringWriter();

        EspCheck.RepairIfDirty(image, console, HostFsck);

        console.ToString().ShouldBeEmpty();
        File.ReadAllBytes(image).ShouldBe(before);
    }

    [Fact]
    public void RepairIfDirty_NoFsck_SaysItCannotBeChecked()
    {
        var image = Format("32");
        SetByte(image, 0x41, 0x01);
        var console = new StringWriter();

        EspCheck.RepairIfDirty(image, console, _dir.File("missing/fsck.fat"));

        console.ToString().ShouldContain("was not unmounted cleanly, and it cannot be checked: could not start");
    }

    private string Format(string fatSize)
    {
        var image = _dir.File($"esp{fatSize}-{Guid.NewGuid():N}.img");
        ToolProcess.Run("mkfs.vfat", "-F", fatSize, "-C", image, "65536").ExitCode.ShouldBe(0);
        return image;
    }

    private static (int ExitCode, string Output) Check(string image) => ToolProcess.Run(HostFsck, "-n", image) is var (code, output, _) ? (code, output) : default;

    private static byte[] BootSector(string image) => File.ReadAllBytes(image)[..512];

    private static void SetByte(string image, int offset, byte value)
    {
        using var stream = new FileStream(image, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        stream.WriteByte(value);
    }

    // Zeroes the FAT32 entries of every cluster from firstCluster on, in each copy of the table.
    private static void FreeClustersFrom(string image, int firstCluster)
    {
        var boot = BootSector(image);
        var bytesPerSector = BitConverter.ToUInt16(boot, 11);
        var reservedSectors = BitConverter.ToUInt16(boot, 14);
        var fatCount = boot[16];
        var sectorsPerFat = BitConverter.ToUInt32(boot, 36);
        using var stream = new FileStream(image, FileMode.Open, FileAccess.ReadWrite);
        for (var fat = 0; fat < fatCount; fat++)
        {
            var start = ((long)reservedSectors + (fat * sectorsPerFat)) * bytesPerSector;
            stream.Position = start + (firstCluster * 4);
            stream.Write(new byte[(sectorsPerFat * bytesPerSector) - (firstCluster * 4)]);
        }
    }
}
