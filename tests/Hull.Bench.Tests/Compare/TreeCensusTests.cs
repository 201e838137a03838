using Hull.Bench.Compare;

namespace Hull.Bench.Tests.Compare;

public sealed class TreeCensusTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Of_Tree_CountsFilesBytesExecutablesAndSpecialBits()
    {
        var root = _temp.File("root");
        Write(root, "usr/bin/tool", 100, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Write(root, "usr/bin/su", 10, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.SetUser);
        Write(root, "usr/bin/wall", 20, UnixFileMode.UserRead | UnixFileMode.GroupExecute | UnixFileMode.SetGroup);
        Write(root, "etc/config", 5, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(Path.Combine(root, "usr/bin/link"), "tool");
        Directory.CreateSymbolicLink(Path.Combine(root, "bin"), "usr/bin"); // followed, the tree would count usr/bin twice

        TreeCensus.Of(root, []).ShouldBe(new TreeCensus(Files: 4, FileBytes: 135, Executables: 3, Setuid: 1, Setgid: 1));
    }

    [Fact]
    public void Of_ExcludedPaths_AreLeftOutWithTheirContents()
    {
        var root = _temp.File("root");
        Write(root, "usr/local/lib/hull-bench/report", 50, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Write(root, "etc/hull-bench.service", 7, UnixFileMode.UserRead);
        Write(root, "etc/keep", 3, UnixFileMode.UserRead);

        TreeCensus.Of(root, ["/usr/local/lib/hull-bench", "/etc/hull-bench.service"]).ShouldBe(new TreeCensus(1, 3, 0, 0, 0));
    }

    private static void Write(string root, string relative, int bytes, UnixFileMode mode)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetUnixFileMode(path, mode);
    }
}
