using Hull.Bench.Baseline;
using Hull.Builder.Debian;
using Hull.Builder.Tools;

namespace Hull.Bench.Tests.Baseline;

public sealed class BaselineLockTests
{
    private static readonly LockedPackage Kernel = new("linux-image-6.1.0-56-cloud-amd64", "6.1.192-2", "amd64", 100, new string('a', 64), "bookworm");
    private static readonly LockedPackage Containerd = new("containerd", "1.7.24", "amd64", 200, new string('b', 64), "trixie");
    private static readonly LockedPackage Runc = new("runc", "1.1.5", "amd64", 300, new string('c', 64), "bookworm");
    private static readonly LockedPackage Libc = new("libc6", "2.36-9", "amd64", 400, new string('d', 64), "bookworm");
    private static readonly PackageLock Image = new([Containerd, Kernel, Libc, Runc]);

    [Fact]
    public void Check_SameFilesAsHull_Passes()
    {
        BaselineLock.Check(new PackageLock([Containerd, Kernel, Libc, Runc, new("systemd", "252", "amd64", 1, new string('e', 64), "bookworm")]), Image);
    }

    [Fact]
    public void Check_SharedPackageOfAnotherVersionOrHash_ThrowsNamingIt()
    {
        var other = Libc with { Sha256 = new string('f', 64) };
        Should.Throw<ToolException>(() => BaselineLock.Check(new PackageLock([Containerd, Kernel, other, Runc]), Image)).Message.ShouldContain("'libc6'");
    }

    [Fact]
    public void Check_WithoutHullsKernelOrRunc_ThrowsNamingIt()
    {
        Should.Throw<ToolException>(() => BaselineLock.Check(new PackageLock([Containerd, Libc, Runc]), Image)).Message.ShouldContain(Kernel.Name);
        Should.Throw<ToolException>(() => BaselineLock.Check(new PackageLock([Containerd, Kernel]), Image)).Message.ShouldContain("'runc'");
    }

    [Fact]
    public void Load_CommittedLocks_AgreeWithEachOther()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repo!.FullName, BaselineLock.LockFile)))
        {
            repo = repo.Parent;
        }

        var (baseline, image) = BaselineLock.Load(repo.FullName);
        baseline.Get("containerd").ShouldBe(image.Get("containerd"));
        baseline.Packages.ShouldContain(p => p.Name == "systemd");
    }
}
