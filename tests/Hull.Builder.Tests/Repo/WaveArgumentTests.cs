using Hull.Builder.Repo;
using Hull.Builder.Tools;
using Hull.Updates;

namespace Hull.Builder.Tests.Repo;

public sealed class WaveArgumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("512@2027-01-15T09:00:00Z", 512, "2027-01-15T09:00:00Z")]
    [InlineData("1@2027-01-15T10:00:00+01:00", 1, "2027-01-15T09:00:00Z")]
    [InlineData("2048@+90m", 2048, "2026-12-01T10:30:00Z")]
    [InlineData("100@+2h", 100, "2026-12-01T11:00:00Z")]
    [InlineData("100@+3d", 100, "2026-12-04T09:00:00Z")]
    public void Parse_WellFormed_GivesTheSeedBoundAndUtcStart(string value, int seedBelow, string starts)
    {
        WaveArgument.Parse(value, Now).ShouldBe(new UpdateWave(seedBelow, DateTimeOffset.Parse(starts, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime()));
    }

    [Theory]
    [InlineData("512", "--wave 512: expected SEED_BELOW@WHEN")]
    [InlineData("x@+1h", "--wave x@+1h: expected SEED_BELOW@WHEN")]
    [InlineData("0@+1h", "--wave 0@+1h: seed bound 0 is outside 1-2048")]
    [InlineData("2049@+1h", "--wave 2049@+1h: seed bound 2049 is outside 1-2048")]
    [InlineData("512@2027-01-15T09:00:00", "--wave 512@2027-01-15T09:00:00: '2027-01-15T09:00:00' is not an RFC 3339 time with a zone")]
    [InlineData("512@tomorrow", "--wave 512@tomorrow: 'tomorrow' is not an RFC 3339 time")]
    [InlineData("512@+2w", "--wave 512@+2w: '+2w' is not +N followed by m, h or d")]
    public void Parse_Malformed_ThrowsNamingTheValue(string value, string message)
    {
        Should.Throw<ToolException>(() => WaveArgument.Parse(value, Now)).Message.ShouldStartWith(message);
    }

    [Fact]
    public void ParseAll_SeedsNotRising_ThrowsNamingTheWave()
    {
        Should.Throw<ToolException>(() => WaveArgument.ParseAll(["512@+1h", "256@+2h"], Now))
            .Message.ShouldStartWith("--wave 256@+2h: seed bound 256 does not rise above the previous wave's 512");
    }

    [Fact]
    public void ParseAll_LaterWaveStartingEarlier_ThrowsNamingTheWave()
    {
        Should.Throw<ToolException>(() => WaveArgument.ParseAll(["512@+2h", "1024@+1h"], Now))
            .Message.ShouldBe("--wave 1024@+1h: starts before the previous wave; a later wave cannot start earlier");
    }
}
