namespace Hull.Api;

/// <summary>What the time-sync service last did: the server it used, the offset it corrected, or why no server answered.</summary>
internal sealed record TimeSyncStatus(
    IReadOnlyList<string> Servers,
    string? Server,
    double? OffsetSeconds,
    double? DelaySeconds,
    int? Stratum,
    DateTimeOffset? SynchronizedAt,
    DateTimeOffset CheckedAt,
    IReadOnlyList<string> Errors);
