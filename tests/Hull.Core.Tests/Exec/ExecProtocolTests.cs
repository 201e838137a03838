using System.Text;
using Hull.Exec;

namespace Hull.Core.Tests.Exec;

public sealed class ExecProtocolTests
{
    [Fact]
    public void ParseStatus_Success_ExitCodeZero() =>
        ExecProtocol.ParseStatus("""{"metadata":{},"status":"Success"}"""u8).ShouldBe(new ExecOutcome(0, null));

    [Fact]
    public void ParseStatus_NonZeroExit_TheCodeFromTheCause()
    {
        var json = """{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}"""u8;

        ExecProtocol.ParseStatus(json).ShouldBe(new ExecOutcome(3, null));
    }

    [Fact]
    public void ParseStatus_FailureWithoutExitCode_ErrorWithTheMessage()
    {
        var outcome = ExecProtocol.ParseStatus("""{"status":"Failure","message":"executable file not found in $PATH"}"""u8);

        outcome.ExitCode.ShouldBeNull();
        outcome.Error.ShouldBe("executable file not found in $PATH");
        outcome.ShellExitCode.ShouldBe(126);
    }

    [Fact]
    public void ParseStatus_NotJson_ErrorSaysSo() =>
        ExecProtocol.ParseStatus("oops"u8).Error!.ShouldStartWith("the exec status is not JSON");

    [Fact]
    public void Failure_RoundTripsThroughParseStatus()
    {
        var frame = ExecProtocol.Failure("host container \"admin\" is not running");

        frame[0].ShouldBe((byte)ExecChannel.Status);
        ExecProtocol.ParseStatus(frame.AsSpan(1)).Error.ShouldBe("host container \"admin\" is not running");
    }

    [Fact]
    public void Resize_ChannelFourWithWidthAndHeight()
    {
        var frame = ExecProtocol.Resize(120, 40);

        frame[0].ShouldBe((byte)4);
        Encoding.UTF8.GetString(frame.AsSpan(1)).ShouldBe("""{"Width":120,"Height":40}""");
    }
}
