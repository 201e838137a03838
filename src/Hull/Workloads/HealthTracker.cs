namespace Hull.Workloads;

/// <summary>
/// The health of each running container (keyed by container id, so a restart starts afresh): "starting" until its
/// first passed probe, then "healthy" or "unhealthy". Failures during the start period do not count; after that,
/// <see cref="HealthCheck.Retries"/> failures in a row ask for a restart.
/// </summary>
internal sealed class HealthTracker(TimeProvider time)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="containerId"/> is due for a probe under <paramref name="check"/>.</summary>
    public bool IsDue(string containerId, HealthCheck check) =>
        !_entries.TryGetValue(containerId, out var entry) || entry.LastProbe is not { } last || time.GetUtcNow() - last >= check.Interval;

    /// <summary>Records a probe's outcome (<paramref name="failure"/> null when it passed); true when the container should be restarted.</summary>
    public bool Record(string containerId, HealthCheck check, string? failure)
    {
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(containerId, out var entry))
        {
            entry = new Entry(now);
            _entries[containerId] = entry;
        }

        entry.LastProbe = now;
        entry.Message = failure;
        if (failure is null)
        {
            entry.Failures = 0;
            entry.State = "healthy";
            return false;
        }

        if (now - entry.FirstSeen < check.StartPeriod)
        {
            return false;
        }

        entry.Failures++;
        if (entry.Failures >= check.Retries)
        {
            entry.State = "unhealthy";
        }

        return entry.Failures >= check.Retries;
    }

    /// <summary>"starting", "healthy" or "unhealthy", with the last failure; null for a container never probed.</summary>
    public (string State, string? Message)? Of(string? containerId) =>
        containerId is not null && _entries.TryGetValue(containerId, out var entry) ? (entry.State, entry.Message) : null;

    /// <summary>Drops every container not in <paramref name="live"/>.</summary>
    public void Keep(IReadOnlySet<string> live)
    {
        foreach (var id in _entries.Keys.Where(id => !live.Contains(id)).ToList())
        {
            _entries.Remove(id);
        }
    }

    private sealed class Entry(DateTimeOffset firstSeen)
    {
        public DateTimeOffset FirstSeen { get; } = firstSeen;

        public DateTimeOffset? LastProbe { get; set; }

        public int Failures { get; set; }

        public string State { get; set; } = "starting";

        public string? Message { get; set; }
    }
}
