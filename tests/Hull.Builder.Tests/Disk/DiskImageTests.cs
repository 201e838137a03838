using System.Globalization;
using System.Text.RegularExpressions;
using Hull.Builder.Disk;
using Hull.Builder.Tests.TestSupport;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Disk;

public sealed partial class DiskImageTests : IDisposable
{
    private const string Version = "0.9.1";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_WithContents_SgdiskVerifyFindsNoProblems()
    {
        var disk = WriteSample();

        var output = ExternalTool.RunChecked("sgdisk", "--verify", disk).Stdout;

        output.ShouldContain("No problems found.");
        output.ShouldNotContain("Warning");
    }

    [Fact]
    public void Write_WithContents_SgdiskPrintsThePlannedPartitionsAndDiskGuid()
    {
        var disk = WriteSample();
        var planned = DiskLayout.Plan(Version);

        var output = ExternalTool.RunChecked("sgdisk", "-p", disk).Stdout;

        DiskGuid().Match(output).Groups[1].Value.ShouldBe(DiskLayout.GuidFor(Version, "disk").ToString(), StringCompareShould.IgnoreCase);
        var rows = PartitionRow().Matches(output).Select(m => (
            Number: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            First: long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            Last: long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
            Name: m.Groups[4].Value.Trim())).ToList();
        rows.ShouldBe(planned.Select(p => (p.Number, p.FirstLba, p.LastLba, p.Name)).ToList());
    }

    [Fact]
    public void Write_WithContents_EachFileLandsAtItsPartitionOffset()
    {
        var esp = RandomFile("esp.img", 3 * (int)DiskLayout.MiB + 17);
        var root = RandomFile("root.img", (int)DiskLayout.MiB + 512);
        var state = RandomFile("state.img", 4096);
        var disk = _temp.File("disk.img");

        DiskImage.Write(disk, Version, new Dictionary<string, string> { ["ESP"] = esp, ["ROOT-A"] = root, ["STATE"] = state });

        new FileInfo(disk).Length.ShouldBe(DiskLayout.DiskSize);
        var partitions = DiskLayout.Plan(Version).ToDictionary(p => p.Name);
        foreach (var (name, file) in (ReadOnlySpan<(string, string)>)[("ESP", esp), ("ROOT-A", root), ("STATE", state)])
        {
            var expected = File.ReadAllBytes(file);
            ReadAt(disk, partitions[name].FirstLba * 512, expected.Length).ShouldBe(expected, name);
        }

        // Nothing was written to ROOT-B: it reads as zeros.
        ReadAt(disk, partitions["ROOT-B"].FirstLba * 512, 4096).ShouldAllBe(b => b == 0);
    }

    [Fact]
    public void Write_ExistingOutput_IsReplaced()
    {
        var disk = _temp.Write("disk.img", new byte[1234]);

        DiskImage.Write(disk, Version, new Dictionary<string, string>());

        new FileInfo(disk).Length.ShouldBe(DiskLayout.DiskSize);
        ExternalTool.RunChecked("sgdisk", "--verify", disk).Stdout.ShouldContain("No problems found.");
    }

    [Fact]
    public void Write_ContentBiggerThanPartition_ThrowsNamingFileAndPartition()
    {
        var big = _temp.File("state-too-big.img");
        using (var file = File.Create(big))
        {
            file.SetLength(DiskLayout.StateSize + 1);
        }

        var error = Should.Throw<ToolException>(() =>
            DiskImage.Write(_temp.File("disk.img"), Version, new Dictionary<string, string> { ["STATE"] = big }));

        error.Message.ShouldContain("state-too-big.img");
        error.Message.ShouldContain("STATE");
    }

    [Fact]
    public void Write_ContentExactlyPartitionSize_Fits()
    {
        var exact = _temp.File("state.img");
        using (var file = File.Create(exact))
        {
            file.SetLength(DiskLayout.StateSize);
        }

        var disk = _temp.File("disk.img");
        DiskImage.Write(disk, Version, new Dictionary<string, string> { ["STATE"] = exact });

        ExternalTool.RunChecked("sgdisk", "--verify", disk).Stdout.ShouldContain("No problems found.");
    }

    private string WriteSample()
    {
        var disk = _temp.File("disk.img");
        DiskImage.Write(disk, Version, new Dictionary<string, string>
        {
            ["ESP"] = RandomFile("esp.img", 65536),
            ["ROOT-A"] = RandomFile("root.img", 65536),
        });
        return disk;
    }

    private string RandomFile(string name, int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return _temp.Write(name, bytes);
    }

    private static byte[] ReadAt(string path, long offset, int count)
    {
        using var file = File.OpenRead(path);
        file.Position = offset;
        var buffer = new byte[count];
        file.ReadExactly(buffer);
        return buffer;
    }

    [GeneratedRegex(@"^Disk identifier \(GUID\): (\S+)$", RegexOptions.Multiline)]
    private static partial Regex DiskGuid();

    // "   1            2048          264191   128.0 MiB   EF00  ESP"
    [GeneratedRegex(@"^\s+(\d+)\s+(\d+)\s+(\d+)\s+\S+ \S+\s+\S+\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex PartitionRow();
}
