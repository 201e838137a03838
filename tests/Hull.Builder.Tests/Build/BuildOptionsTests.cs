using Hull.Builder.Build;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Build;

public sealed class BuildOptionsTests
{
    [Fact]
    public void ResolveVersion_NoOverride_TakesTheVersionFile()
    {
        new BuildOptions().ResolveVersion("0.1.0\n", "image/version").ShouldBe("0.1.0");
    }

    [Theory]
    [InlineData("2.0.0", "2.0.0")]
    [InlineData("v3.1.4", "3.1.4")]
    public void ResolveVersion_Override_WinsOverTheVersionFile(string given, string expected)
    {
        new BuildOptions(Version: given).ResolveVersion("0.1.0\n", "image/version").ShouldBe(expected);
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("2.0.0-rc1")]
    [InlineData("")]
    public void ResolveVersion_BadOverride_ThrowsNamingTheOptionAndValue(string given)
    {
        Should.Throw<ToolException>(() => new BuildOptions(Version: given).ResolveVersion("0.1.0", "image/version"))
            .Message.ShouldBe($"--version: '{given}' is not a version; expected MAJOR.MINOR.PATCH, such as 2.0.0");
    }

    [Fact]
    public void ResolveVersion_BadVersionFile_ThrowsNamingTheFile()
    {
        Should.Throw<ToolException>(() => new BuildOptions().ResolveVersion("latest\n", "image/version"))
            .Message.ShouldBe("image/version: 'latest' is not a version; expected MAJOR.MINOR.PATCH, such as 2.0.0");
    }
}
