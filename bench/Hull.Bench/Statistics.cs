namespace Hull.Bench;

/// <summary>Median, minimum and maximum of a set of samples.</summary>
internal readonly record struct Summary(double Median, double Min, double Max, int Count)
{
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Summary(double.NaN, double.NaN, double.NaN, 0);
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Summary(median, sorted[0], sorted[^1], sorted.Length);
    }

    public override string ToString() => Count == 0 ? "-" : $"{Median:F2} ({Min:F2}–{Max:F2})";
}
