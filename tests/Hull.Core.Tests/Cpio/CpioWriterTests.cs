using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using Hull.Core.Tests.TestSupport;
using Hull.Cpio;

namespace Hull.Core.Tests.Cpio;

[SupportedOSPlatform("linux")]
public sealed class CpioWriterTests
{
    private const uint MTime = 1_700_000_000;
    private static readonly UnixFileMode Mode755 = (UnixFileMode)0b111_101_101;
    private static readonly byte[] InitContent = Encoding.ASCII.GetBytes("#!/bin/sh\nexec /bin/hull\n");

    private static void WriteSample(Stream output, string sourceFile)
    {
        using var writer = new CpioWriter(output, MTime, leaveOpen: true);
        writer.AddDirectory("/dev");
        writer.AddCharacterDevice("/dev/console", 5, 1);
        writer.AddDirectory("/bin", Mode755);
        writer.AddFileFromPath("/bin/hull", sourceFile, Mode755);
        writer.AddSymlink("/bin/sh", "hull");
        writer.AddFile("/init", InitContent, Mode755);
        writer.AddDirectory("/etc");
        writer.AddFile("/etc/empty", [], (UnixFileMode)0b110_100_000);
        writer.AddFile("/etc/hostname", "hull\n"u8);
    }

    private static string MakeSourceFile(TempDirectory dir, int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(dir.File("hull.bin"), bytes);
        return dir.File("hull.bin");
    }

    [Fact]
    public void Write_SampleTree_GnuCpioListsNamesModesAndSizes()
    {
        using var dir = new TempDirectory();
        var source = MakeSourceFile(dir, 100_003);
        using (var file = File.Create(dir.File("initrd.cpio")))
        {
            WriteSample(file, source);
        }

        var lines = GnuCpio.ListVerbose(dir.File("initrd.cpio"));

        lines.Length.ShouldBe(9);
        lines[0].ShouldStartWith("drwxr-xr-x");
        lines[0].ShouldEndWith(" dev");
        lines[1].ShouldStartWith("crw-------");
        lines[1].ShouldContain(" 5,   1 ");
        lines[1].ShouldEndWith(" dev/console");
        lines[3].ShouldStartWith("-rwxr-xr-x");
        lines[3].ShouldContain(" 100003 ");
        lines[3].ShouldEndWith(" bin/hull");
        lines[4].ShouldStartWith("lrwxrwxrwx");
        lines[4].ShouldEndWith(" bin/sh -> hull");
        lines[7].ShouldStartWith("-rw-r-----");
        lines[7].ShouldEndWith(" etc/empty");
        lines[8].ShouldStartWith("-rw-r--r--");
        lines.ShouldAllBe(line => line.Contains(" root ") && line.Contains("2023"));
    }

    [Fact]
    public void Write_SampleTree_GnuCpioExtractsSameTree()
    {
        using var dir = new TempDirectory();
        var source = MakeSourceFile(dir, 70_001);
        using (var file = File.Create(dir.File("initrd.cpio")))
        {
            WriteSample(file, source);
        }

        var root = Directory.CreateDirectory(dir.File("root")).FullName;
        GnuCpio.Extract(dir.File("initrd.cpio"), root);

        File.ReadAllBytes(Path.Combine(root, "bin/hull")).ShouldBe(File.ReadAllBytes(source));
        File.GetUnixFileMode(Path.Combine(root, "bin/hull")).ShouldBe(Mode755);
        File.ReadAllBytes(Path.Combine(root, "init")).ShouldBe(InitContent);
        File.ReadAllText(Path.Combine(root, "etc/hostname")).ShouldBe("hull\n");
        new FileInfo(Path.Combine(root, "etc/empty")).Length.ShouldBe(0);
        File.GetUnixFileMode(Path.Combine(root, "etc/empty")).ShouldBe((UnixFileMode)0b110_100_000);
        new FileInfo(Path.Combine(root, "bin/sh")).LinkTarget.ShouldBe("hull");
        File.GetLastWriteTimeUtc(Path.Combine(root, "init")).ShouldBe(DateTime.UnixEpoch.AddSeconds(MTime));

        var console = ExternalTool.RunChecked("stat", ["-c", "%F %t %T %a", Path.Combine(root, "dev/console")]).Stdout.Trim();
        console.ShouldBe("character special file 5 1 600");
    }

    [Fact]
    public void Write_SampleTree_StrictReaderFindsAlignedHeadersAndSequentialInodes()
    {
        using var dir = new TempDirectory();
        var source = MakeSourceFile(dir, 13);
        using var buffer = new MemoryStream();
        WriteSample(buffer, source);

        var entries = NewcTestReader.Read(buffer.ToArray());

        entries.Select(e => e.Name).ShouldBe(["dev", "dev/console", "bin", "bin/hull", "bin/sh", "init", "etc", "etc/empty", "etc/hostname", "TRAILER!!!"]);
        entries.Take(9).Select(e => e.Inode).ShouldBe([1u, 2, 3, 4, 5, 6, 7, 8, 9]);
        entries[^1].Inode.ShouldBe(0u);
        entries[0].Mode.ShouldBe(0x41EDu);  // 040755
        entries[0].LinkCount.ShouldBe(2u);
        entries[1].Mode.ShouldBe(0x2180u);  // 020600
        (entries[1].RdevMajor, entries[1].RdevMinor).ShouldBe((5u, 1u));
        entries[4].Mode.ShouldBe(0xA1FFu);  // 0120777
        Encoding.UTF8.GetString(entries[4].Data).ShouldBe("hull");
        entries.Take(9).ShouldAllBe(e => e.ModifiedTime == MTime);
    }

    [Fact]
    public void Write_SameInputTwice_IdenticalBytes()
    {
        using var dir = new TempDirectory();
        var source = MakeSourceFile(dir, 4097);
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        WriteSample(first, source);
        WriteSample(second, source);

        first.ToArray().ShouldBe(second.ToArray());
    }

    [Fact]
    public void Write_ThroughGZipStream_RoundTripsAndZcatCpioLists()
    {
        using var dir = new TempDirectory();
        var source = MakeSourceFile(dir, 5000);
        using var raw = new MemoryStream();
        WriteSample(raw, source);

        using (var file = File.Create(dir.File("initrd.cpio.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            WriteSample(gzip, source);
        }

        using (var decompressed = new MemoryStream())
        {
            using (var gzip = new GZipStream(File.OpenRead(dir.File("initrd.cpio.gz")), CompressionMode.Decompress))
            {
                gzip.CopyTo(decompressed);
            }

            decompressed.ToArray().ShouldBe(raw.ToArray());
        }

        GnuCpio.ListGzipped(dir.File("initrd.cpio.gz"))
            .ShouldBe(["dev", "dev/console", "bin", "bin/hull", "bin/sh", "init", "etc", "etc/empty", "etc/hostname"]);
    }

    [Fact]
    public void Dispose_WithoutFinish_WritesTrailerAndClosesStream()
    {
        var output = new MemoryStream();
        using (var writer = new CpioWriter(output))
        {
            writer.AddFile("a", "x"u8);
        }

        output.CanWrite.ShouldBeFalse();
        NewcTestReader.Read(output.ToArray())[^1].Name.ShouldBe("TRAILER!!!");
    }

    [Fact]
    public void AddFile_AfterFinish_Throws()
    {
        using var writer = new CpioWriter(new MemoryStream());
        writer.Finish();

        Should.Throw<InvalidOperationException>(() => writer.AddFile("late", "x"u8.ToArray()));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a//b")]
    [InlineData("")]
    public void AddFile_BadPath_Throws(string path)
    {
        using var writer = new CpioWriter(new MemoryStream());

        Should.Throw<ArgumentException>(() => writer.AddFile(path, "x"u8.ToArray()));
    }

    [Fact]
    public void AddFile_DuplicateName_Throws()
    {
        using var writer = new CpioWriter(new MemoryStream());
        writer.AddFile("/init", "x"u8);

        Should.Throw<ArgumentException>(() => writer.AddFile("init", "y"u8.ToArray()));
    }
}
