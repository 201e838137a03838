namespace Hull.Bench;

/// <summary>One measured boot.</summary>
internal sealed record BootSample(
    string Mode,
    double WallToApiSeconds,
    double GuestApiReadySeconds,
    double GuestInitStartSeconds,
    double ApiReadyAfterInitSeconds,
    double GuestContainerdReadySeconds,
    long IdleMemoryUsedBytes);
