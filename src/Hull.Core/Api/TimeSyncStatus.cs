namespace Hull.Api;

/// <summary>What the time-sync service last did: the server it used, the offset it corrected (the best of <paramref name="Samples"/> answers), or why no server answered; and when it polls next.</summary>
internal sealed record TimeSyncStatus(
    IReadOnlyList<string> Servers,
    string? Server,
    double? OffsetSeconds,
    double? DelaySeconds,
    int? Stratum,
    DateTimeOffset? SynchronizedAt,
    DateTimeOffset CheckedAt,
    IReadOnlyList<string> Errors,
    int Samples = 0,
    double NextPollSeconds = 0);
