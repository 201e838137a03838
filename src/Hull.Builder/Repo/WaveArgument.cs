using System.Globalization;
using Hull.Builder.Tools;
using Hull.Updates;

namespace Hull.Builder.Repo;

/// <summary>`--wave SEED_BELOW@WHEN`: hosts whose seed (0-2047) is below SEED_BELOW may update from WHEN (RFC 3339, or +N[m|h|d] from now).</summary>
internal static class WaveArgument
{
    /// <summary>One more than the highest seed a host can draw (settings.updates.seed is 0-2047).</summary>
    public const int SeedLimit = 2048;

    /// <summary>Parses every --wave value and checks they rise in seed and do not go back in time; errors name the value.</summary>
    public static IReadOnlyList<UpdateWave> ParseAll(IEnumerable<string> values, DateTimeOffset now)
    {
        var waves = new List<UpdateWave>();
        foreach (var value in values)
        {
            var wave = Parse(value, now);
            if (waves.Count > 0 && wave.SeedBelow <= waves[^1].SeedBelow)
            {
                throw new ToolException($"--wave {value}: seed bound {wave.SeedBelow} does not rise above the previous wave's {waves[^1].SeedBelow}; list waves in order");
            }

            if (waves.Count > 0 && wave.Starts < waves[^1].Starts)
            {
                throw new ToolException($"--wave {value}: starts before the previous wave; a later wave cannot start earlier");
            }

            waves.Add(wave);
        }

        return waves;
    }

    /// <summary>Parses one value; <paramref name="now"/> anchors relative times.</summary>
    public static UpdateWave Parse(string value, DateTimeOffset now)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || !int.TryParse(value.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out var seedBelow))
        {
            throw new ToolException($"--wave {value}: expected SEED_BELOW@WHEN, such as 512@2027-01-15T09:00:00Z or 512@+2h");
        }

        if (seedBelow is < 1 or > SeedLimit)
        {
            throw new ToolException($"--wave {value}: seed bound {seedBelow} is outside 1-{SeedLimit} (host seeds are 0-{SeedLimit - 1})");
        }

        var when = value[(at + 1)..];
        var starts = when.StartsWith('+') ? now + Relative(value, when[1..]) : Absolute(value, when);
        // Whole seconds, in UTC: what the manifest can say exactly.
        return new UpdateWave(seedBelow, new DateTimeOffset(starts.UtcTicks - (starts.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    private static DateTimeOffset Absolute(string value, string when) =>
        DateTimeOffset.TryParseExact(when, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var starts)
        && (when.EndsWith('Z') || when.Length > 6 && when[^6] is '+' or '-')
            ? starts
            : throw new ToolException($"--wave {value}: '{when}' is not an RFC 3339 time with a zone (2027-01-15T09:00:00Z) or +N followed by m, h or d");

    private static TimeSpan Relative(string value, string amount)
    {
        if (amount.Length < 2 || !int.TryParse(amount.AsSpan(0, amount.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new ToolException($"--wave {value}: '+{amount}' is not +N followed by m, h or d");
        }

        return amount[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => throw new ToolException($"--wave {value}: '+{amount}' is not +N followed by m, h or d"),
        };
    }
}
