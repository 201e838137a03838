using Hull.Init;

namespace Hull.Tests.Init;

/// <summary>The NAME=VALUE files PID 1 reads into a service's environment.</summary>
public sealed class EnvironmentFileTests
{
    [Fact]
    public void Parse_VariablesCommentsAndBlankLines_VariablesInOrderValuesVerbatim()
    {
        var (variables, problems) = EnvironmentFile.Parse(["# comment", "", "HTTP_PROXY=http://user:p=w@proxy:3128", "  no_proxy=localhost,127.0.0.1", "EMPTY="], "/etc/x.env");

        variables.ShouldBe([
            KeyValuePair.Create("HTTP_PROXY", "http://user:p=w@proxy:3128"),
            KeyValuePair.Create("no_proxy", "localhost,127.0.0.1"),
            KeyValuePair.Create("EMPTY", ""),
        ]);
        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("no equals sign")]
    [InlineData("=value")]
    [InlineData("1ST=value")]
    [InlineData("A-B=value")]
    [InlineData("export A=value")]
    public void Parse_NotNameEqualsValue_SkippedAndNamedByFileAndLine(string line)
    {
        var (variables, problems) = EnvironmentFile.Parse(["GOOD=1", line], "/etc/x.env");

        variables.ShouldBe([KeyValuePair.Create("GOOD", "1")]);
        problems.ShouldBe(["/etc/x.env line 2: not NAME=VALUE (a name is letters, digits and _, not starting with a digit)"]);
    }

    [Fact]
    public void Read_MissingFile_NoVariablesNoProblems()
    {
        using var dir = new TempDirectory();

        var (variables, problems) = EnvironmentFile.Read(dir.File("absent.env"));

        variables.ShouldBeEmpty();
        problems.ShouldBeEmpty();
    }
}
