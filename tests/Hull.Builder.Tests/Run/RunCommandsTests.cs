using Hull.Builder.Run;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Run;

public sealed class RunCommandsTests
{
    [Fact]
    public void ParsePublish_HostAndGuestPort_GivesThePair()
    {
        RunCommands.ParsePublish("8080:80").ShouldBe((8080, 80));
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("0:80")]
    [InlineData("8080:70000")]
    [InlineData("a:b")]
    [InlineData("1:2:3")]
    public void ParsePublish_BadValue_IsRefusedNamingIt(string value)
    {
        Should.Throw<ToolException>(() => RunCommands.ParsePublish(value)).Message.ShouldStartWith($"--publish {value}: expected HOSTPORT:GUESTPORT");
    }

    [Fact]
    public async Task ReadUserDataAsync_TomlFile_OnLinesOfItsOwn()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("extra.toml", "[settings]\nmotd = \"hi\"");

        (await RunCommands.ReadUserDataAsync(file, TestContext.Current.CancellationToken)).ShouldBe("\n[settings]\nmotd = \"hi\"\n");
        (await RunCommands.ReadUserDataAsync(null, TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task ReadUserDataAsync_MissingOrGzip_RefusedNamingTheFile()
    {
        using var temp = new TempDirectory();
        var gzip = temp.Write("user-data.gz", [0x1f, 0x8b, 8, 0]);

        (await Should.ThrowAsync<ToolException>(() => RunCommands.ReadUserDataAsync(temp.File("absent.toml"), TestContext.Current.CancellationToken)))
            .Message.ShouldStartWith($"--user-data {temp.File("absent.toml")}: no such file");
        (await Should.ThrowAsync<ToolException>(() => RunCommands.ReadUserDataAsync(gzip, TestContext.Current.CancellationToken)))
            .Message.ShouldStartWith($"--user-data {gzip}: gzip");
    }
}
