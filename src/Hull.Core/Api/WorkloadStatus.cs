namespace Hull.Api;

/// <summary>GET /workloads: one declared (or still running) workload, its replicas, and why it is not as declared when it is not.</summary>
internal sealed record WorkloadStatus(string Name, string? Image, int Declared, int Running, string? Message, IReadOnlyList<ReplicaStatus> Replicas);

/// <summary>
/// One replica: its container's state (created, running, exited, missing, unknown), pod address, restarts, last exit code,
/// whether it runs the current spec, and its health ("starting", "healthy", "unhealthy"; null without a health check) with the last failure.
/// </summary>
internal sealed record ReplicaStatus(int Index, string State, string? PodIp, int Restarts, int? ExitCode, bool Current, string? Health = null, string? HealthMessage = null);
