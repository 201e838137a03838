using System.Diagnostics;
using Hull.Bench.Baseline;

namespace Hull.Bench.Tests.Baseline;

public sealed class BaselineBuilderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ext4UsedBytes_RealFileSystem_GrowsByTheFilesAdded()
    {
        var empty = _temp.File("empty");
        Directory.CreateDirectory(empty);
        var full = _temp.File("full");
        Directory.CreateDirectory(full);
        var data = new byte[8 << 20];
        Random.Shared.NextBytes(data); // zeros would become a hole: mke2fs -d writes sparse files
        await File.WriteAllBytesAsync(Path.Combine(full, "data"), data, TestContext.Current.CancellationToken);

        var before = BaselineBuilder.Ext4UsedBytes(Make(empty, "a.ext4"));
        var after = BaselineBuilder.Ext4UsedBytes(Make(full, "b.ext4"));

        before.ShouldBeGreaterThan(0);
        (after - before).ShouldBeInRange(8L << 20, (8L << 20) + (64 << 10));
    }

    [Fact]
    public async Task AllocatedBytes_SparseFile_LessThanItsLength()
    {
        var path = _temp.File("sparse");
        await using (var file = File.Create(path))
        {
            file.SetLength(64 << 20);
        }

        (await BaselineBuilder.AllocatedBytesAsync(path, TestContext.Current.CancellationToken)).ShouldBeLessThan(1 << 20);
    }

    [Fact]
    public void DeleteTree_SomethingMountedBelow_RefusesNamingItAndKeepsTheTree()
    {
        var tree = _temp.File("my root");
        Directory.CreateDirectory(Path.Combine(tree, "proc"));
        var escaped = tree.Replace(" ", "\\040", StringComparison.Ordinal);
        var mountInfo = _temp.Write("mountinfo", $"22 1 0:21 / /proc rw - proc proc rw\n99 22 0:5 / {escaped}/proc rw - proc proc rw\n");

        Should.Throw<Hull.Builder.Tools.ToolException>(() => BaselineBuilder.DeleteTree(tree, mountInfo)).Message.ShouldContain($"{tree}/proc");
        Directory.Exists(Path.Combine(tree, "proc")).ShouldBeTrue();
    }

    [Fact]
    public void DeleteTree_NothingMountedBelow_Deletes()
    {
        var tree = _temp.File("root");
        Directory.CreateDirectory(Path.Combine(tree, "etc"));
        var mountInfo = _temp.Write("mountinfo", $"22 1 0:21 / /proc rw - proc proc rw\n23 1 0:22 / {tree}-other rw - tmpfs tmpfs rw\n");

        BaselineBuilder.DeleteTree(tree, mountInfo);
        Directory.Exists(tree).ShouldBeFalse();
        BaselineBuilder.DeleteTree(tree, mountInfo); // gone already: nothing to do
    }

    [Fact]
    public void FlatRelease_PackagesIndex_NamesTheSuiteAndHashesTheIndex()
    {
        var release = BaselineBuilder.FlatRelease("Package: runc\n");
        release.ShouldContain("Suite: bookworm\n");
        release.ShouldContain($" {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Package: runc\n"u8))} 14 Packages\n");
    }

    // mkfs.ext4 -d as the baseline's build uses it, then the header dumpe2fs prints for it.
    private string Make(string tree, string name)
    {
        var image = _temp.File(name);
        Run("mkfs.ext4", "-q", "-F", "-d", tree, image, "64M");
        return Run("dumpe2fs", "-h", image);
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
