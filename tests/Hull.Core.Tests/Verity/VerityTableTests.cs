using Hull.Verity;

namespace Hull.Core.Tests.Verity;

public sealed class VerityTableTests
{
    private static VerityResult Result(string saltHex) => new()
    {
        RootHash = new byte[32],
        RootHashHex = new string('a', 64),
        SaltHex = saltHex,
        DataBlocks = 25600,
        DataBlockSize = 4096,
        HashBlockSize = 4096,
        Levels = 2,
        HashOffsetBytes = 25600L * 4096,
        HasSuperblock = true,
        HashStartBlock = 25601,
        BytesWritten = 204 * 4096,
    };

    [Fact]
    public void Format_OneDevice_KernelTableLine()
    {
        VerityTable.Format("/dev/vda3", Result("0011"))
            .ShouldBe($"0 204800 verity 1 /dev/vda3 /dev/vda3 4096 4096 25600 25601 sha256 {new string('a', 64)} 0011");
    }

    [Fact]
    public void Format_EmptySalt_Dash()
    {
        VerityTable.Format("/dev/d", "/dev/h", Result("-")).ShouldEndWith(" sha256 " + new string('a', 64) + " -");
    }

    [Fact]
    public void Format_OptionalArgs_CountPrepended()
    {
        VerityTable.Format("/dev/d", Result("00"), "panic_on_corruption", "ignore_zero_blocks")
            .ShouldEndWith(" 00 2 panic_on_corruption ignore_zero_blocks");
    }
}
