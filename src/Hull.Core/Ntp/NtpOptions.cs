using System.Globalization;

namespace Hull.Ntp;

/// <summary>
/// <c>settings.ntp.options</c>: Bottlerocket appends them to every time server's line in chrony.conf
/// (<c>pool HOST iburst minpoll 4</c>), so items are words and <c>["minpoll", "4"]</c> reads the same as
/// <c>["minpoll 4"]</c>. Hull's SNTP client honours the ones below and refuses every other chrony option
/// rather than ignore it: <c>minpoll N</c> and <c>maxpoll N</c> bound the poll interval to 2^N seconds
/// (chrony's defaults 6 and 10; 0 to 24 here, chrony's sub-second negatives are refused); <c>iburst</c>
/// takes a few quick samples at start; <c>prefer</c> is accepted and changes nothing, since the options
/// apply to every server alike.
/// </summary>
internal sealed record NtpOptions(int MinPoll, int MaxPoll, bool InitialBurst, bool Prefer)
{
    /// <summary>No options: chrony's defaults.</summary>
    public static NtpOptions Default { get; } = new(6, 10, false, false);

    private const int Lowest = 0;
    private const int Highest = 24;
    private const string Supported = "iburst, prefer, minpoll N, maxpoll N";

    /// <summary>The options <paramref name="items"/> give, or the first problem (naming the option).</summary>
    public static (NtpOptions? Options, string? Error) Parse(IEnumerable<string> items)
    {
        var words = items.SelectMany(i => i.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        int? minPoll = null;
        int? maxPoll = null;
        bool burst = false, prefer = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!seen.Add(word) && word is "iburst" or "prefer" or "minpoll" or "maxpoll")
            {
                return (null, $"\"{word}\" is given twice");
            }

            switch (word)
            {
                case "iburst":
                    burst = true;
                    break;
                case "prefer":
                    prefer = true;
                    break;
                case "minpoll" or "maxpoll":
                    if (i + 1 >= words.Count)
                    {
                        return (null, $"\"{word}\" needs a number after it (the interval is 2^N seconds, N from {Lowest} to {Highest})");
                    }

                    var text = words[++i];
                    if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) || exponent is < Lowest or > Highest)
                    {
                        return (null, $"\"{word} {text}\": the number must be a whole number from {Lowest} to {Highest} (the interval is 2^N seconds)");
                    }

                    if (word == "minpoll")
                    {
                        minPoll = exponent;
                    }
                    else
                    {
                        maxPoll = exponent;
                    }

                    break;
                default:
                    return (null, $"\"{word}\" is not an option Hull's time sync supports (it takes {Supported})");
            }
        }

        if (minPoll is { } min && maxPoll is { } max && min > max)
        {
            return (null, $"\"minpoll {min}\" is above \"maxpoll {max}\"");
        }

        // Only one bound given: the other default gives way, so minpoll 12 alone polls every 2^12 s.
        var low = minPoll ?? Math.Min(Default.MinPoll, maxPoll ?? Default.MinPoll);
        var high = maxPoll ?? Math.Max(Default.MaxPoll, low);
        return (new NtpOptions(low, high, burst, prefer), null);
    }

    /// <summary>2^<paramref name="exponent"/> seconds.</summary>
    public static TimeSpan Interval(int exponent) => TimeSpan.FromSeconds(Math.Pow(2, exponent));
}
