using Hull.Platform;

namespace Hull.Tests.Platform;

/// <summary>The label reader against images made by the real tools, with blkid as the oracle.</summary>
public sealed class FileSystemLabelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("12", 1440, "HULLDATA")]
    [InlineData("16", 20480, "HULLDATA")]
    [InlineData("32", 40960, "hulldata")]
    [InlineData("12", 1440, "A B-C_9")]
    public void Read_MkfsVfatImage_TypeAndLabelAsBlkidSays(string fatBits, int kib, string label)
    {
        var image = _dir.File("fat.img");
        ExternalTool.RunChecked("mkfs.vfat", "-F", fatBits, "-n", label, "-C", image, kib.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var read = ReadFile(image);

        read.ShouldBe(new FileSystemLabel("vfat", Blkid(image, "LABEL")));
        Blkid(image, "TYPE").ShouldBe("vfat");
    }

    [Fact]
    public void Read_RelabelledWithMlabel_TheNewLabel()
    {
        var image = _dir.File("fat.img");
        ExternalTool.RunChecked("mkfs.vfat", "-n", "OLD", "-C", image, "1440");
        ExternalTool.RunChecked("mlabel", "-i", image, "::HULLDATA");

        ReadFile(image).ShouldBe(new FileSystemLabel("vfat", "HULLDATA"));
        Blkid(image, "LABEL").ShouldBe("HULLDATA");
    }

    [Fact]
    public void Read_VfatWithoutLabel_EmptyLabel()
    {
        var image = _dir.File("fat.img");
        ExternalTool.RunChecked("mkfs.vfat", "-C", image, "1440");

        ReadFile(image).ShouldBe(new FileSystemLabel("vfat", ""));
    }

    [Fact]
    public void Read_GenisoimageRockRidgeJoliet_Iso9660AndItsVolumeId()
    {
        var content = Directory.CreateDirectory(_dir.File("content")).FullName;
        File.WriteAllText(Path.Combine(content, "user-data"), "[settings]\nmotd = \"iso\"\n");
        var image = _dir.File("drive.iso");
        ExternalTool.RunChecked("genisoimage", "-quiet", "-V", "HULLDATA", "-r", "-J", "-o", image, content);

        ReadFile(image).ShouldBe(new FileSystemLabel("iso9660", "HULLDATA"));
        Blkid(image, "LABEL").ShouldBe("HULLDATA");
        Blkid(image, "TYPE").ShouldBe("iso9660");
    }

    [Fact]
    public void Read_Ext4AndGptAndZeros_NotRecognised()
    {
        var ext4 = _dir.File("ext4.img");
        ExternalTool.RunChecked("mkfs.ext4", "-q", "-L", "HULLDATA", ext4, "4M");
        var gpt = _dir.File("gpt.img");
        File.WriteAllBytes(gpt, new byte[4 << 20]);
        ExternalTool.RunChecked("sgdisk", "-n", "1:2048:4095", "-c", "1:HULLDATA", gpt);

        ReadFile(ext4).ShouldBeNull();
        ReadFile(gpt).ShouldBeNull();
        FileSystemLabel.Read(new MemoryStream(new byte[40_000])).ShouldBeNull();
        FileSystemLabel.Read(new MemoryStream(new byte[100])).ShouldBeNull();
    }

    [Fact]
    public void FindByFileSystemLabel_SysfsTreeWithDisks_FindsTheLabelledOneWithoutCaseAndSkipsEmptyDevices()
    {
        var sys = _dir.File("sys/class/block");
        var dev = Directory.CreateDirectory(_dir.File("dev")).FullName;
        ExternalTool.RunChecked("mkfs.vfat", "-n", "HULL-ESP", "-C", Path.Combine(dev, "vda1"), "1440");
        ExternalTool.RunChecked("mkfs.vfat", "-n", "hulldata", "-C", Path.Combine(dev, "vdb"), "1440");
        Device("vda1", "1");
        Device("sr0", "0"); // no medium: never opened (it has no node here either)
        Device("vdb", "2880");

        var found = BlockDevices.FindByFileSystemLabel("HULLDATA", sys, dev);

        found.ShouldNotBeNull();
        found.Value.Device.ShouldBe(Path.Combine(dev, "vdb"));
        found.Value.FileSystem.Type.ShouldBe("vfat");
        BlockDevices.FindByFileSystemLabel("OTHER", sys, dev).ShouldBeNull();

        void Device(string name, string sectors)
        {
            var folder = Directory.CreateDirectory(Path.Combine(sys, name)).FullName;
            File.WriteAllText(Path.Combine(folder, "uevent"), $"MAJOR=254\nDEVNAME={name}\nDEVTYPE=disk\n");
            File.WriteAllText(Path.Combine(folder, "size"), sectors + "\n");
        }
    }

    private static FileSystemLabel? ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return FileSystemLabel.Read(stream);
    }

    private static string Blkid(string image, string tag) => ExternalTool.RunChecked("blkid", "-p", "-s", tag, "-o", "value", image).Stdout.Trim();
}
