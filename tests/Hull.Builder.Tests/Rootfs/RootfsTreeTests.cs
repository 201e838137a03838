using Hull.Builder.Rootfs;
using Hull.Builder.Tests.TestSupport;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Rootfs;

public sealed class RootfsTreeTests : IDisposable
{
    private const UnixFileMode Mode755 = (UnixFileMode)0x1ed;
    private const UnixFileMode Mode644 = (UnixFileMode)0x1a4;
    private const UnixFileMode Mode750 = (UnixFileMode)0x1e8;

    private readonly TempDirectory _temp = new();
    private readonly string _package;
    private readonly RootfsTree _tree;

    public RootfsTreeTests()
    {
        // A fake extracted package, laid out as dpkg-deb -x leaves one.
        _package = Directory.CreateDirectory(_temp.File("pkg")).FullName;
        WriteFile("usr/lib/x86_64-linux-gnu/libseccomp.so.2.5.4", "seccomp", Mode644);
        File.CreateSymbolicLink(Path.Combine(_package, "usr/lib/x86_64-linux-gnu/libseccomp.so.2"), "libseccomp.so.2.5.4");
        WriteFile("usr/lib/x86_64-linux-gnu/libother.so.1", "other", Mode644);
        WriteFile("lib/x86_64-linux-gnu/libc.so.6", "libc", Mode755);
        WriteFile("sbin/mke2fs", "mke2fs", Mode750);
        Directory.CreateDirectory(Path.Combine(_package, "lib64"));
        File.CreateSymbolicLink(Path.Combine(_package, "lib64/ld-linux-x86-64.so.2"), "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        _tree = new RootfsTree(_temp.File("root"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CopyFromPackage_PatternWithStar_CopiesFileAndKeepsSymlinkAsSymlink()
    {
        var count = _tree.CopyFromPackage(new RootfsEntry("libseccomp2", "/usr/lib/x86_64-linux-gnu/libseccomp.so.2*"), _package);

        count.ShouldBe(2);
        var file = _tree.PathOf("/usr/lib/x86_64-linux-gnu/libseccomp.so.2.5.4");
        File.ReadAllText(file).ShouldBe("seccomp");
        new FileInfo(file).LinkTarget.ShouldBeNull();
        new FileInfo(_tree.PathOf("/usr/lib/x86_64-linux-gnu/libseccomp.so.2")).LinkTarget.ShouldBe("libseccomp.so.2.5.4");
        File.Exists(_tree.PathOf("/usr/lib/x86_64-linux-gnu/libother.so.1")).ShouldBeFalse();
    }

    [Fact]
    public void CopyFromPackage_FileUnderLib_LandsUnderUsrWithItsMode()
    {
        _tree.CopyFromPackage(new RootfsEntry("libc6", "/lib/x86_64-linux-gnu/libc.so.6"), _package);
        _tree.CopyFromPackage(new RootfsEntry("e2fsprogs", "/sbin/mke2fs"), _package);

        File.ReadAllText(_tree.PathOf("/usr/lib/x86_64-linux-gnu/libc.so.6")).ShouldBe("libc");
        File.GetUnixFileMode(_tree.PathOf("/usr/lib/x86_64-linux-gnu/libc.so.6")).ShouldBe(Mode755);
        File.GetUnixFileMode(_tree.PathOf("/usr/sbin/mke2fs")).ShouldBe(Mode750);
        Directory.Exists(_tree.PathOf("/lib")).ShouldBeFalse();
        Directory.Exists(_tree.PathOf("/sbin")).ShouldBeFalse();
    }

    [Fact]
    public void CopyFromPackage_AbsoluteSymlink_KeepsItsTargetUnchanged()
    {
        _tree.CopyFromPackage(new RootfsEntry("libc6", "/lib64/ld-linux-x86-64.so.2"), _package);

        new FileInfo(_tree.PathOf("/usr/lib64/ld-linux-x86-64.so.2")).LinkTarget.ShouldBe("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
    }

    [Theory]
    [InlineData("/usr/lib/x86_64-linux-gnu/libnothing.so*")]
    [InlineData("/usr/lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("/opt/missing/folder/file")]
    public void CopyFromPackage_NothingMatches_ThrowsNamingPackageAndPattern(string pattern)
    {
        var error = Should.Throw<ToolException>(() => _tree.CopyFromPackage(new RootfsEntry("libfoo1", pattern), _package));

        error.Message.ShouldContain("'libfoo1'");
        error.Message.ShouldContain(pattern);
    }

    [Fact]
    public void Constructor_ExistingFolder_StartsEmpty()
    {
        _tree.AddText("/etc/stale", "old");

        var again = new RootfsTree(_tree.Root);

        Directory.EnumerateFileSystemEntries(again.Root).ShouldBeEmpty();
    }

    [Fact]
    public void AddText_AnyPath_WritesWorldReadableFile()
    {
        _tree.AddText("/usr/lib/os-release", "ID=hull\n");

        File.ReadAllText(_tree.PathOf("/usr/lib/os-release")).ShouldBe("ID=hull\n");
        File.GetUnixFileMode(_tree.PathOf("/usr/lib/os-release")).ShouldBe(Mode644);
    }

    [Fact]
    public void AddFile_ExplicitMode_OverridesSourceMode()
    {
        _tree.AddFile("/usr/bin/hull", Path.Combine(_package, "usr/lib/x86_64-linux-gnu/libother.so.1"), Mode755);

        File.GetUnixFileMode(_tree.PathOf("/usr/bin/hull")).ShouldBe(Mode755);
    }

    [Fact]
    public void AddSymlink_ExistingFile_ReplacesItWithTheLink()
    {
        _tree.AddText("/usr/bin/apiclient", "file");

        _tree.AddSymlink("/usr/bin/apiclient", "hull");

        new FileInfo(_tree.PathOf("/usr/bin/apiclient")).LinkTarget.ShouldBe("hull");
    }

    [Fact]
    public void Remove_File_TakesOnlyThatFileOut()
    {
        _tree.AddText("/usr/bin/runc", "runc");
        _tree.AddText("/usr/bin/containerd", "containerd");

        _tree.Remove("/usr/bin/runc");

        File.Exists(_tree.PathOf("/usr/bin/runc")).ShouldBeFalse();
        File.ReadAllText(_tree.PathOf("/usr/bin/containerd")).ShouldBe("containerd");
    }

    [Fact]
    public void Remove_Directory_TakesEverythingUnderItOut()
    {
        _tree.AddText("/usr/lib/cni/bridge", "bridge");
        _tree.AddSymlink("/usr/lib/cni/loopback", "bridge");

        _tree.Remove("/usr/lib/cni/");

        Directory.Exists(_tree.PathOf("/usr/lib/cni")).ShouldBeFalse();
        Directory.Exists(_tree.PathOf("/usr/lib")).ShouldBeTrue();
    }

    [Fact]
    public void Remove_SymlinkToADirectory_RemovesTheLinkAndKeepsTheDirectory()
    {
        _tree.AddText("/usr/bin/hull", "hull");
        _tree.AddSymlink("/bin", "usr/bin");

        _tree.Remove("/bin");

        new FileInfo(_tree.PathOf("/bin")).LinkTarget.ShouldBeNull();
        File.Exists(_tree.PathOf("/bin")).ShouldBeFalse();
        File.ReadAllText(_tree.PathOf("/usr/bin/hull")).ShouldBe("hull");
    }

    [Theory]
    [InlineData("/usr/bin/missing", "--exclude /usr/bin/missing: not in the root tree")]
    [InlineData("/usr/bin/hull/inside", "--exclude /usr/bin/hull/inside: not in the root tree")]
    [InlineData("/bin/hull", "--exclude /bin/hull: /bin is a symlink in the root tree; name the path it points to")]
    [InlineData("usr/bin/hull", "--exclude usr/bin/hull: expected an absolute path inside the root, such as /usr/bin/runc")]
    [InlineData("/usr/../etc", "--exclude /usr/../etc: expected an absolute path inside the root, such as /usr/bin/runc")]
    [InlineData("/", "--exclude /: expected an absolute path inside the root, such as /usr/bin/runc")]
    public void Remove_PathNotInTheTree_ThrowsNamingIt(string path, string message)
    {
        _tree.AddText("/usr/bin/hull", "hull");
        _tree.AddSymlink("/bin", "usr/bin");

        Should.Throw<ToolException>(() => _tree.Remove(path)).Message.ShouldBe(message);
        File.Exists(_tree.PathOf("/usr/bin/hull")).ShouldBeTrue();
    }

    private void WriteFile(string relative, string content, UnixFileMode mode)
    {
        var path = Path.Combine(_package, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
    }
}
