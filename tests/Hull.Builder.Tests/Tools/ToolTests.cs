using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Tools;

public sealed class ToolTests
{
    [Fact]
    public async Task RunAsync_Success_ReturnsStandardOutput()
    {
        var output = await Tool.RunAsync("sh", ["-c", "printf 'a b'; echo ' c' >&2"], cancellationToken: TestContext.Current.CancellationToken);

        output.ShouldBe("a b");
    }

    [Fact]
    public async Task RunAsync_ArgumentsWithSpaces_PassedAsIs()
    {
        var output = await Tool.RunAsync("printf", ["%s|", "one two", "", "three"], cancellationToken: TestContext.Current.CancellationToken);

        output.ShouldBe("one two||three|");
    }

    [Fact]
    public async Task RunAsync_WorkingDirectory_RunsThere()
    {
        var output = await Tool.RunAsync("pwd", [], "/usr", TestContext.Current.CancellationToken);

        output.Trim().ShouldBe("/usr");
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_ThrowsNamingToolArgumentsCodeAndOutput()
    {
        var error = await Should.ThrowAsync<ToolException>(() =>
            Tool.RunAsync("sh", ["-c", "echo broken-thing >&2; exit 3"], cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldStartWith("sh -c");
        error.Message.ShouldContain("exited with 3");
        error.Message.ShouldContain("broken-thing");
    }

    [Fact]
    public async Task RunAsync_HugeOutput_MessageKeepsTheLast2000Characters()
    {
        var error = await Should.ThrowAsync<ToolException>(() =>
            Tool.RunAsync("sh", ["-c", "head -c 10000 /dev/zero | tr '\\0' x; echo END; exit 1"], cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldEndWith("END");
        error.Message.Length.ShouldBeLessThan(2200);
    }

    [Fact]
    public async Task RunAsync_MissingProgram_ThrowsSayingItCouldNotStart()
    {
        var error = await Should.ThrowAsync<ToolException>(() =>
            Tool.RunAsync("hull-no-such-tool", [], cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldContain("hull-no-such-tool could not be started");
    }
}
