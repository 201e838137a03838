using CsCheck;
using Hull.Builder.Debian;
using Hull.Builder.Tests.TestSupport;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Debian;

public sealed class PackageLockTests
{
    private const string Sha = "8f2b81bdcfafc466882a0cae460272dbf10d8d97c6a3c1c6ea33038c155a2f5e";

    private static readonly LockedPackage Libc = new("libc6", "2.36-9+deb12u14", "amd64", 2757000, Sha, "bookworm");
    private static readonly LockedPackage Boot = new("systemd-boot-efi", "252.39-1~deb12u2", "amd64", 113136, new string('0', 64), "bookworm");
    private static readonly LockedPackage Epoch = new("containerd", "1:1.7.24~ds1-6+deb13u1", "amd64", 1, new string('a', 64), "trixie");

    [Fact]
    public void Format_OwnHeader_HeaderFirstThenTheSamePackages()
    {
        var text = new PackageLock([Libc]).Format("# another lock\n");
        text.ShouldStartWith("# another lock\nlibc6\t");
        PackageLock.Parse(text, "x.lock").Packages.ShouldBe([Libc]);
    }

    [Fact]
    public void Format_ThenParse_GivesTheSamePackagesSortedByName()
    {
        var text = new PackageLock([Boot, Libc, Epoch]).Format();

        var parsed = PackageLock.Parse(text, "packages.lock");

        parsed.Packages.ShouldBe([Epoch, Libc, Boot]);
        parsed.Format().ShouldBe(text);
    }

    [Fact]
    public void Format_AnyPackages_OneTabSeparatedLinePerPackageAfterCommentHeader()
    {
        var text = new PackageLock([Libc]).Format();

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Where(l => !l.StartsWith('#')).ShouldBe([$"libc6\t2.36-9+deb12u14\tamd64\t2757000\t{Sha}\tbookworm"]);
        text.ShouldEndWith("\n");
    }

    [Fact]
    public void Parse_CommentsBlankLinesAndCrLf_AreSkipped()
    {
        var text = $"# comment\r\n\r\n   \nlibc6\t2.36\tamd64\t10\t{Sha}\tbookworm\r\n# trailing\n";

        var parsed = PackageLock.Parse(text, "packages.lock");

        parsed.Packages.ShouldBe([new LockedPackage("libc6", "2.36", "amd64", 10, Sha, "bookworm")]);
    }

    [Fact]
    public void Parse_RandomPackages_RoundTripsThroughFormat()
    {
        var word = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789+-.~:"].Array[1, 20].Select(chars => new string(chars));
        var package = Gen.Select(word, word, Gen.OneOf("amd64", "all"), Gen.Long[0, long.MaxValue], Gen.Char["0123456789abcdef"].Array[64],
            Gen.OneOf("bookworm", "trixie"),
            (name, version, arch, size, sha, suite) => new LockedPackage("p" + name, version, arch, size, new string(sha), suite));
        package.List[0, 8].Sample(packages =>
        {
            var unique = packages.DistinctBy(p => p.Name).ToList();
            var parsed = PackageLock.Parse(new PackageLock(unique).Format(), "packages.lock");
            parsed.Packages.ShouldBe(unique.OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
        }, iter: 200);
    }

    [Theory]
    [InlineData("libc6\t2.36\tamd64\t10")]
    [InlineData("libc6\t2.36\tamd64\t10\t" + Sha)]
    [InlineData("libc6\t2.36\tamd64\t10\t" + Sha + "\tbookworm\textra")]
    [InlineData("libc6\t2.36\tamd64\t10\t" + Sha + "\tBookworm")]
    [InlineData("libc6\t2.36\tamd64\t10\t" + Sha + "\t")]
    [InlineData("libc6 2.36 amd64 10 " + Sha)]
    [InlineData("libc6\t2.36\tamd64\t10\t8F2B81BDCFAFC466882A0CAE460272DBF10D8D97C6A3C1C6EA33038C155A2F5E\tbookworm")]
    [InlineData("libc6\t2.36\tamd64\t10\t8f2b81bdcfafc466882a0cae460272dbf10d8d97c6a3c1c6ea33038c155a2f5\tbookworm")]
    [InlineData("libc6\t2.36\tamd64\t10\t8f2b81bdcfafc466882a0cae460272dbf10d8d97c6a3c1c6ea33038c155a2f5g\tbookworm")]
    [InlineData("libc6\t2.36\tamd64\tten\t" + Sha + "\tbookworm")]
    [InlineData("libc6\t2.36\tamd64\t-10\t" + Sha + "\tbookworm")]
    [InlineData("libc6\t2.36\tamd64\t\t" + Sha + "\tbookworm")]
    public void Parse_BadLine_ThrowsNamingFileAndLine(string badLine)
    {
        var text = $"# header\nlibc6\t2.36\tamd64\t10\t{Sha}\tbookworm\n{badLine}\n";

        var error = Should.Throw<ToolException>(() => PackageLock.Parse(text, "image/packages.lock"));

        error.Message.ShouldStartWith("image/packages.lock:3:");
        error.Message.ShouldContain(badLine.Trim());
    }

    [Fact]
    public void Get_MissingPackage_ThrowsNamingIt()
    {
        var packages = new PackageLock([Libc]);

        packages.Get("libc6").ShouldBe(Libc);
        Should.Throw<ToolException>(() => packages.Get("runc")).Message.ShouldContain("'runc'");
    }

    [Fact]
    public void FileName_VersionWithEpoch_MatchesAptGetDownloadName()
    {
        Epoch.FileName.ShouldBe("containerd_1%3a1.7.24~ds1-6+deb13u1_amd64.deb");
        Libc.FileName.ShouldBe("libc6_2.36-9+deb12u14_amd64.deb");
    }

    [Fact]
    public void Parse_CommittedLockFile_IsValidAndFormatsBackIdentically()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot.Path, "image", "packages.lock"));

        var parsed = PackageLock.Parse(text, "image/packages.lock");

        parsed.Packages.ShouldNotBeEmpty();
        parsed.Get("systemd-boot-efi").Architecture.ShouldBe("amd64");
        parsed.Format().ShouldBe(text);
    }
}
