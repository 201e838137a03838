namespace Hull.Ntp;

/// <summary>One SNTP exchange: the server's clock offset from ours (positive: we are behind), the round-trip delay, and its stratum.</summary>
internal sealed record SntpSample(string Server, TimeSpan Offset, TimeSpan Delay, int Stratum, DateTimeOffset At);
