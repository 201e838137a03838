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
}
