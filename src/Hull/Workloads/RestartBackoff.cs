namespace Hull.Workloads;

/// <summary>
/// How long a replica (or a workload's image pull) waits before the next try: 1 s after the first
/// failure, doubling to a minute; a replica that has run for a minute since its last restart starts
/// again from 1 s. Time is injected so tests need not sleep.
/// </summary>
internal sealed class RestartBackoff(TimeProvider time)
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, (int Failures, DateTimeOffset NotBefore, DateTimeOffset Last)> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="key"/> may be tried now.</summary>
    public bool MayTry(string key) => !_entries.TryGetValue(key, out var entry) || time.GetUtcNow() >= entry.NotBefore;

    /// <summary>Records a try (a restart, or a failure) of <paramref name="key"/>; the next one waits twice as long as the last.</summary>
    public void Tried(string key)
    {
        var now = time.GetUtcNow();
        var failures = _entries.TryGetValue(key, out var entry) ? entry.Failures + 1 : 1;
        var delay = TimeSpan.FromTicks(Math.Min(First.Ticks << Math.Min(failures - 1, 16), Max.Ticks));
        _entries[key] = (failures, now + delay, now);
    }

    /// <summary>Forgets <paramref name="key"/> when it has been fine for a minute since its last try.</summary>
    public void Healthy(string key)
    {
        if (_entries.TryGetValue(key, out var entry) && time.GetUtcNow() - entry.Last >= Max)
        {
            _entries.Remove(key);
        }
    }

    /// <summary>The key of a replica.</summary>
    public static string Replica(string workload, int index) => $"{workload}/{index}";

    /// <summary>The key of a workload's image pull.</summary>
    public static string Pull(string workload) => $"{workload}/pull";
}
