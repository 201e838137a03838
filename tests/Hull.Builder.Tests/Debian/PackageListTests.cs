using Hull.Builder.Debian;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Debian;

public sealed class PackageListTests
{
    [Fact]
    public void Parse_NamesMetaAndComments_SplitsNamesFromMetaNames()
    {
        var text = """
            # The image's packages.
            libc6
              libssl3   # trailing comment
            meta linux-image-cloud-amd64

            g++-12
            libstdc++6
            containerd.io
            """;

        var list = PackageList.Parse(text, "image/packages.txt");

        list.Names.ShouldBe(["libc6", "libssl3", "g++-12", "libstdc++6", "containerd.io"]);
        list.MetaNames.ShouldBe(["linux-image-cloud-amd64"]);
    }

    [Fact]
    public void Parse_NameWithSuite_TakesThePackageFromThatSuiteAndTheRestFromBookworm()
    {
        var list = PackageList.Parse("containerd/trixie\nrunc\nmeta linux-image-cloud-amd64/trixie\n", "image/packages.txt");

        list.Packages.ShouldBe([new ListedPackage("containerd", "trixie"), new ListedPackage("runc", "bookworm")]);
        list.Metas.ShouldBe([new ListedPackage("linux-image-cloud-amd64", "trixie")]);
    }

    [Fact]
    public void Parse_EmptyText_GivesEmptyLists()
    {
        var list = PackageList.Parse("\n# nothing\n", "image/packages.txt");

        list.Names.ShouldBeEmpty();
        list.MetaNames.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("LibC6")]
    [InlineData("a")]
    [InlineData("-libc")]
    [InlineData(".libc")]
    [InlineData("lib_c")]
    [InlineData("libc6 libssl3")]
    [InlineData("meta Linux-Image")]
    [InlineData("meta a b")]
    [InlineData("metapackage linux-image-cloud-amd64")]
    [InlineData("containerd/Trixie")]
    [InlineData("containerd/")]
    [InlineData("containerd/trixie/main")]
    [InlineData("containerd/trixie-backports")]
    public void Parse_BadLine_ThrowsNamingFileAndLine(string badLine)
    {
        var text = $"libc6\n# comment\n\n{badLine}\nlibssl3\n";

        var error = Should.Throw<ToolException>(() => PackageList.Parse(text, "image/packages.txt"));

        error.Message.ShouldStartWith("image/packages.txt:4:");
        error.Message.ShouldContain($"'{badLine}'");
    }

    [Fact]
    public void Parse_CommittedPackageList_IsValid()
    {
        var text = File.ReadAllText(Path.Combine(TestSupport.RepoRoot.Path, "image", "packages.txt"));

        var list = PackageList.Parse(text, "image/packages.txt");

        list.Names.ShouldContain("systemd-boot-efi");
    }
}
