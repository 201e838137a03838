namespace Hull.Tuf;

/// <summary>The client's download limits (spec 5.3.3 W, 5.3.3 Y, 5.4.1 X, 5.5.1 Y, 5.6.1 Z); the defaults are python-tuf's.</summary>
public sealed record TufClientOptions
{
    /// <summary>The most bytes read for one N.root.json.</summary>
    public long MaxRootBytes { get; init; } = 512_000;

    /// <summary>The most root versions followed in one refresh.</summary>
    public int MaxRootRotations { get; init; } = 256;

    /// <summary>The most bytes read for timestamp.json.</summary>
    public long MaxTimestampBytes { get; init; } = 16_384;

    /// <summary>The most bytes read for snapshot.json when timestamp.json lists no length.</summary>
    public long MaxSnapshotBytes { get; init; } = 2_000_000;

    /// <summary>The most bytes read for targets.json when snapshot.json lists no length.</summary>
    public long MaxTargetsBytes { get; init; } = 5_000_000;
}
