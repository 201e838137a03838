using System.Text.RegularExpressions;
using CsCheck;
using Hull.Builder.Rootfs;
using Hull.Builder.Tests.TestSupport;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Rootfs;

public sealed class RootfsManifestTests
{
    [Fact]
    public void Parse_PackageAndPathLines_GivesEntriesInOrder()
    {
        var text = """
            # root
            libc6 /lib/x86_64-linux-gnu/libc.so.6
              libseccomp2   /usr/lib/x86_64-linux-gnu/libseccomp.so.2*   # and its symlink

            runc /usr/sbin/runc
            link /usr/sbin/iptables xtables-nft-multi
            """;

        RootfsManifest.Parse(text, "image/rootfs.txt").ShouldBe(
        [
            new RootfsEntry("libc6", "/lib/x86_64-linux-gnu/libc.so.6"),
            new RootfsEntry("libseccomp2", "/usr/lib/x86_64-linux-gnu/libseccomp.so.2*"),
            new RootfsEntry("runc", "/usr/sbin/runc"),
            new RootfsEntry("link", "/usr/sbin/iptables", "xtables-nft-multi"),
        ]);
    }

    [Theory]
    [InlineData("libc6")]
    [InlineData("/lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("libc6 lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("libc6 /lib/../etc/shadow")]
    [InlineData("libc6 /lib/libc.so.6 /lib/libm.so.6")]
    [InlineData("link /usr/sbin/iptables /usr/sbin/xtables-nft-multi")]
    [InlineData("link /usr/sbin/iptables")]
    public void Parse_BadLine_ThrowsNamingFileAndLine(string badLine)
    {
        var text = $"runc /usr/sbin/runc\n# comment\n{badLine}\n";

        var error = Should.Throw<ToolException>(() => RootfsManifest.Parse(text, "image/rootfs.txt"));

        error.Message.ShouldStartWith("image/rootfs.txt:3:");
        error.Message.ShouldContain($"'{badLine}'");
    }

    [Fact]
    public void Parse_CommittedManifest_IsValid()
    {
        var entries = RootfsManifest.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "image", "rootfs.txt")), "image/rootfs.txt");

        entries.ShouldContain(e => e.Package == "libc6");
    }

    [Theory]
    [InlineData("/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("/lib64/ld-linux-x86-64.so.2", "/usr/lib64/ld-linux-x86-64.so.2")]
    [InlineData("/bin/sh", "/usr/bin/sh")]
    [InlineData("/sbin/mke2fs", "/usr/sbin/mke2fs")]
    [InlineData("/usr/lib/x86_64-linux-gnu/libssl.so.3", "/usr/lib/x86_64-linux-gnu/libssl.so.3")]
    [InlineData("/usr/bin/containerd", "/usr/bin/containerd")]
    [InlineData("/usr/sbin/runc", "/usr/sbin/runc")]
    [InlineData("/etc/ssl/openssl.cnf", "/etc/ssl/openssl.cnf")]
    [InlineData("/library/x", "/library/x")]
    [InlineData("/binaries/x", "/binaries/x")]
    [InlineData("/var/lib/x", "/var/lib/x")]
    public void MergedUsrPath_PackagePath_LandsUnderUsrOnlyForTopLevelLibBinSbin(string path, string expected)
    {
        RootfsManifest.MergedUsrPath(path).ShouldBe(expected);
    }

    [Theory]
    [InlineData("libc.so.6", "libc.so.6", true)]
    [InlineData("libc.so.6", "libc.so.60", false)]
    [InlineData("libc.so.6", "libc.so", false)]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("libseccomp.so.2*", "libseccomp.so.2", true)]
    [InlineData("libseccomp.so.2*", "libseccomp.so.2.5.4", true)]
    [InlineData("libseccomp.so.2*", "libseccomp.so.3", false)]
    [InlineData("*.ko", "virtio.ko", true)]
    [InlineData("*.ko", "virtio.ko.xz", false)]
    [InlineData("lib*.so.*", "libm.so.6", true)]
    [InlineData("lib*.so.*", "ld-linux.so.2", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXcYb", false)]
    [InlineData("**", "x", true)]
    public void Matches_Pattern_MatchesLikeAShellGlobStar(string pattern, string name, bool expected)
    {
        RootfsManifest.Matches(pattern, name).ShouldBe(expected);
    }

    [Fact]
    public void Matches_RandomPatterns_AgreesWithRegexOracle()
    {
        var text = Gen.Char["ab."].Array[0, 6].Select(c => new string(c));
        var pattern = Gen.Char["ab.*"].Array[0, 5].Select(c => new string(c));
        Gen.Select(pattern, text).Sample((p, n) =>
        {
            var regex = "^" + string.Join(".*", p.Split('*').Select(Regex.Escape)) + "$";
            RootfsManifest.Matches(p, n).ShouldBe(Regex.IsMatch(n, regex), $"pattern '{p}', name '{n}'");
        }, iter: 2000);
    }
}
