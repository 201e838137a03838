namespace Hull.EndToEnd;

/// <summary>The root holds what a container host needs and no shell, package manager or interpreter.</summary>
public sealed class RootContentsTests
{
    private static readonly string[] AllowedPrograms =
    [
        "/usr/bin/hull",
        "/usr/bin/containerd",
        "/usr/bin/containerd-shim-runc-v2",
        "/usr/sbin/runc",
        "/usr/sbin/mke2fs",
        "/usr/sbin/fsck.fat",
        "/usr/sbin/xtables-nft-multi",
        "/usr/lib/cni/bridge",
        "/usr/lib/cni/host-local",
        "/usr/lib/cni/loopback",
        "/usr/lib/cni/portmap",
    ];

    [Fact]
    public void RootImage_Executables_AreOnlyTheAllowedOnes()
    {
        var build = E2EBuild.Require();
        var dir = E2EBuild.ScratchDirectory("root-contents");
        var tree = Path.Combine(dir, "root");

        // fsck.erofs checks every file's encoding while it extracts: the oracle reads the real image.
        ExternalTool.RunChecked("fsck.erofs", $"--extract={tree}", Path.Combine(Path.GetDirectoryName(build.Disk)!, "root.img"));

        // Symlinks are skipped: /bin -> usr/bin would list everything twice.
        var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var executables = Directory.EnumerateFiles(tree, "*", walk)
            .Where(f => (File.GetUnixFileMode(f) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            .Select(f => "/" + Path.GetRelativePath(tree, f))
            .ToList();

        // Shared libraries carry the execute bit too; they are not programs.
        var programs = executables.Where(f => !f.Contains(".so", StringComparison.Ordinal)).Order().ToList();
        programs.ShouldBe(AllowedPrograms.Order().ToList());

        var names = Directory.EnumerateFileSystemEntries(tree, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Select(Path.GetFileName).ToHashSet();
        foreach (var forbidden in (string[])["sh", "bash", "dash", "busybox", "python3", "perl", "apt", "apt-get", "dpkg", "ssh", "sshd", "sudo", "su"])
        {
            names.ShouldNotContain(forbidden);
        }

        // ld.so itself is run as the ELF interpreter, and is allowed for that reason only.
        executables.ShouldContain("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
    }

    [Fact]
    public void RootImage_ModuleIndex_EveryShippedModuleWithFilesThatExist_OptionalOnesNotLoadedAtBoot()
    {
        var build = E2EBuild.Require();
        var tree = Path.Combine(E2EBuild.ScratchDirectory("root-modules"), "root");
        ExternalTool.RunChecked("fsck.erofs", $"--extract={tree}", Path.Combine(Path.GetDirectoryName(build.Disk)!, "root.img"));

        var index = File.ReadAllLines(Path.Combine(tree, "usr/lib/hull/modules.index"))
            .Select(l => l.Split(' ')).ToDictionary(f => f[0], f => f[1..]);
        var load = File.ReadAllLines(Path.Combine(tree, "usr/lib/hull/modules.load")).Where(l => l.Length > 0).ToList();

        index.Values.SelectMany(f => f).Distinct().ShouldAllBe(f => File.Exists(Path.Combine(tree, f.TrimStart('/'))));
        load.ShouldAllBe(f => index.Values.Any(chain => chain.Last() == f));
        foreach (var optional in (string[])["wireguard", "tun", "ip_vs"])
        {
            index.ShouldContainKey(optional);
            load.ShouldNotContain(index[optional][^1]);
        }

        index["isofs"][^1].ShouldBeOneOf([.. load]);
    }
}
