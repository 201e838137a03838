namespace Hull.Api;

/// <summary>GET /services: one supervised service as PID 1 sees it.</summary>
internal sealed record ServiceStatus(
    string Name,
    string State,
    int? Pid,
    int Restarts,
    double? StartedAt,
    double? ReadyAt,
    string? LastExit);
