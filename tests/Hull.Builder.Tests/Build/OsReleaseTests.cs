using Hull.Builder.Build;
using Hull.Builder.Tests.TestSupport;

namespace Hull.Builder.Tests.Build;

public sealed class OsReleaseTests
{
    [Fact]
    public void Format_VersionAndBuild_HasTheOsReleaseFields()
    {
        var fields = OsRelease.Format("1.4.2", "3fa9c1d0")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

        fields["NAME"].ShouldBe("Hull");
        fields["ID"].ShouldBe("hull");
        fields["VERSION_ID"].ShouldBe("1.4.2");
        fields["VARIANT_ID"].ShouldBe("default");
        fields["BUILD_ID"].ShouldBe("3fa9c1d0");
        fields["PRETTY_NAME"].ShouldBe("\"Hull 1.4.2\"");
    }

    [Fact]
    public void Format_AnyInput_ShellSourcesItAsOsReleaseSays()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("os-release", OsRelease.Format("1.4.2", "dev"));

        var output = ExternalTool.Shell($". '{file}' && printf '%s|%s|%s|%s|%s|%s' \"$NAME\" \"$ID\" \"$PRETTY_NAME\" \"$VERSION_ID\" \"$VARIANT_ID\" \"$BUILD_ID\"").Stdout;

        output.ShouldBe("Hull|hull|Hull 1.4.2|1.4.2|default|dev");
    }

    [Fact]
    public void Format_AnyInput_NoIndentationAndEndsWithNewline()
    {
        var text = OsRelease.Format("1.0.0", "dev");

        text.ShouldEndWith("\n");
        text.Split('\n').ShouldAllBe(l => l.Length == 0 || char.IsAsciiLetterUpper(l[0]));
        text.ShouldNotContain("\r");
    }
}
