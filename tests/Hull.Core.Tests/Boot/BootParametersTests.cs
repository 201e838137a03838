using Hull.Boot;

namespace Hull.Core.Tests.Boot;

public sealed class BootParametersTests
{
    private static readonly BootParameters Sample = new('a', "ROOT-A", new string('c', 64), "00ff", 11961, 11962);

    [Fact]
    public void Parse_FormattedAmongOtherWords_RoundTrips()
    {
        var line = $"console=ttyS0 quiet {Sample.Format()} panic=5\n";
        BootParameters.Parse(line).ShouldBe(Sample);
    }

    [Fact]
    public void VerityTable_DataAndHashOnSameDevice_MatchesKernelFormat()
    {
        Sample.VerityTable("/dev/vda2").ShouldBe($"1 /dev/vda2 /dev/vda2 4096 4096 11961 11962 sha256 {new string('c', 64)} 00ff");
        Sample.DataSectors.ShouldBe(11961UL * 8);
    }

    [Fact]
    public void VerityTable_EmptySalt_WritesDash()
    {
        (Sample with { Salt = "" }).VerityTable("/dev/x").ShouldEndWith(" -");
    }

    [Theory]
    [InlineData("hull.root=ROOT-A hull.verity=x", "hull.slot")]
    [InlineData("hull.slot=c hull.root=ROOT-A", "hull.slot must be 'a' or 'b'")]
    [InlineData("hull.slot=a hull.verity=cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc:00:1:2", "hull.root")]
    [InlineData("hull.slot=a hull.root=ROOT-A hull.verity=abc:00:1:2", "hull.verity must be")]
    public void Parse_MissingOrMalformedWord_NamesIt(string line, string expected)
    {
        Should.Throw<FormatException>(() => BootParameters.Parse(line)).Message.ShouldContain(expected);
    }

    [Fact]
    public void Parse_HashStartInsideData_IsRefused()
    {
        var line = (Sample with { HashStartBlock = 10 }).Format();
        Should.Throw<FormatException>(() => BootParameters.Parse(line)).Message.ShouldContain("hull.verity");
    }
}
