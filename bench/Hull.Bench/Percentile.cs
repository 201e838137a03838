namespace Hull.Bench;

/// <summary>Nearest-rank percentiles: the smallest sample with at least p% of the samples at or below it.</summary>
internal static class Percentile
{
    public static double Of(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0 || percent is <= 0 or > 100)
        {
            throw new ArgumentException($"need samples and 0 < percent <= 100 (got {values.Count} samples, {percent}%)");
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[rank - 1];
    }
}
