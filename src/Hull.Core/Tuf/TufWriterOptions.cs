namespace Hull.Tuf;

/// <summary>How long newly signed metadata stays valid, unless a signing call names an expiry, and what referrers list.</summary>
public sealed record TufWriterOptions
{
    /// <summary>root.json's lifetime.</summary>
    public TimeSpan RootLifetime { get; init; } = TimeSpan.FromDays(365);

    /// <summary>targets.json's lifetime.</summary>
    public TimeSpan TargetsLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>snapshot.json's lifetime.</summary>
    public TimeSpan SnapshotLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>timestamp.json's lifetime: how long a frozen client can be kept unaware.</summary>
    public TimeSpan TimestampLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// List length and sha256 of targets.json in snapshot.json and of snapshot.json in timestamp.json, not only
    /// the version (spec: OPTIONAL). On by default: clients then need no size guess, and a swapped file fails its hash.
    /// </summary>
    public bool ListLengthAndHashes { get; init; } = true;
}
