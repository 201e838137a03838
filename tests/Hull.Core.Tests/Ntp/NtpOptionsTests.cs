using Hull.Ntp;

namespace Hull.Core.Tests.Ntp;

public sealed class NtpOptionsTests
{
    [Theory]
    [InlineData(new string[0], 6, 10, false)]
    [InlineData(new[] { "iburst" }, 6, 10, true)]
    [InlineData(new[] { "minpoll", "4", "maxpoll", "5" }, 4, 5, false)]
    [InlineData(new[] { "iburst", "minpoll 4", "maxpoll 4", "prefer" }, 4, 4, true)]
    [InlineData(new[] { " minpoll  0 " }, 0, 10, false)]
    [InlineData(new[] { "minpoll 12" }, 12, 12, false)]
    [InlineData(new[] { "maxpoll 3" }, 3, 3, false)]
    [InlineData(new[] { "maxpoll 24" }, 6, 24, false)]
    public void Parse_Options_PollBoundsAndBurst(string[] items, int minPoll, int maxPoll, bool burst)
    {
        var (options, error) = NtpOptions.Parse(items);

        error.ShouldBeNull();
        options!.MinPoll.ShouldBe(minPoll);
        options.MaxPoll.ShouldBe(maxPoll);
        options.InitialBurst.ShouldBe(burst);
    }

    [Theory]
    [InlineData(new[] { "burst" }, "\"burst\" is not an option Hull's time sync supports")]
    [InlineData(new[] { "iburst", "nts" }, "\"nts\" is not an option")]
    [InlineData(new[] { "minpoll" }, "\"minpoll\" needs a number after it")]
    [InlineData(new[] { "minpoll", "iburst" }, "\"minpoll iburst\": the number must be a whole number from 0 to 24")]
    [InlineData(new[] { "minpoll -2" }, "\"minpoll -2\": the number must be a whole number from 0 to 24")]
    [InlineData(new[] { "maxpoll 25" }, "\"maxpoll 25\": the number must be")]
    [InlineData(new[] { "minpoll 7", "maxpoll 6" }, "\"minpoll 7\" is above \"maxpoll 6\"")]
    [InlineData(new[] { "iburst", "iburst" }, "\"iburst\" is given twice")]
    [InlineData(new[] { "minpoll 4", "minpoll 5" }, "\"minpoll\" is given twice")]
    public void Parse_BadOptions_NamesTheOption(string[] items, string expected)
    {
        var (options, error) = NtpOptions.Parse(items);

        options.ShouldBeNull();
        error.ShouldStartWith(expected);
    }
}
