using Hull.Ntp;

namespace Hull.TimeSync;

/// <summary>
/// How long to wait before the next poll, within <c>minpoll</c>/<c>maxpoll</c> (2^N seconds): start at
/// minpoll; after a sample that needed only a small correction, double the interval up to maxpoll; after
/// a step, or a correction that was not small, start again from minpoll. While nothing answers, retry
/// every 5 s (at most 2^minpoll) for the first minute, since the network may still be coming up, then
/// every 2^minpoll.
/// </summary>
internal sealed class PollSchedule
{
    // NTP's step threshold (RFC 5905's STEPT): below it a clock is close enough to poll less often.
    private static readonly TimeSpan SmallOffset = TimeSpan.FromMilliseconds(128);
    private static readonly TimeSpan QuickRetry = TimeSpan.FromSeconds(5);
    private const int QuickRetries = 12;

    private int? _exponent;
    private int _failures;

    /// <summary>The wait after a poll that corrected the clock by <paramref name="offset"/> (null: nothing answered).</summary>
    public TimeSpan Next(TimeSpan? offset, NtpOptions options)
    {
        if (offset is not { } correction)
        {
            _exponent = null;
            _failures++;
            var slow = NtpOptions.Interval(options.MinPoll);
            return _failures <= QuickRetries && slow > QuickRetry ? QuickRetry : slow;
        }

        _failures = 0;
        _exponent = _exponent is { } current && correction.Duration() < SmallOffset ? current + 1 : options.MinPoll;
        _exponent = Math.Clamp(_exponent.Value, options.MinPoll, options.MaxPoll);
        return NtpOptions.Interval(_exponent.Value);
    }
}
