using Hull.Ntp;
using Hull.TimeSync;

namespace Hull.Tests.TimeSync;

public sealed class PollScheduleTests
{
    private static readonly TimeSpan Small = TimeSpan.FromMilliseconds(3);

    [Fact]
    public void Next_SmallCorrections_DoublesFromMinpollToMaxpoll()
    {
        var schedule = new PollSchedule();

        Seconds(Enumerable.Range(0, 7).Select(_ => schedule.Next(Small, NtpOptions.Default))).ShouldBe([64, 128, 256, 512, 1024, 1024, 1024]);
    }

    [Fact]
    public void Next_OptionsBounds_Honoured()
    {
        var schedule = new PollSchedule();
        var options = NtpOptions.Parse(["minpoll 4", "maxpoll 5"]).Options!;

        Seconds(Enumerable.Range(0, 4).Select(_ => schedule.Next(Small, options))).ShouldBe([16, 32, 32, 32]);
    }

    [Fact]
    public void Next_LargeCorrection_BackToMinpoll()
    {
        var schedule = new PollSchedule();
        var options = NtpOptions.Parse(["minpoll 3", "maxpoll 8"]).Options!;

        Seconds([schedule.Next(Small, options), schedule.Next(Small, options), schedule.Next(TimeSpan.FromSeconds(-2), options), schedule.Next(Small, options)])
            .ShouldBe([8, 16, 8, 16]);
    }

    [Fact]
    public void Next_NothingAnswers_QuickRetriesForAMinuteThenMinpoll()
    {
        var schedule = new PollSchedule();

        Seconds(Enumerable.Range(0, 14).Select(_ => schedule.Next(null, NtpOptions.Default))).ShouldBe([.. Enumerable.Repeat(5.0, 12), 64, 64]);
        schedule.Next(Small, NtpOptions.Default).TotalSeconds.ShouldBe(64);
    }

    [Fact]
    public void Next_NothingAnswersMinpollBelowFiveSeconds_RetriesAtMinpoll()
    {
        var schedule = new PollSchedule();

        schedule.Next(null, NtpOptions.Parse(["minpoll 1"]).Options!).TotalSeconds.ShouldBe(2);
    }

    private static double[] Seconds(IEnumerable<TimeSpan> waits) => [.. waits.Select(w => w.TotalSeconds)];
}
