namespace Hull.Api;

/// <summary>
/// GET /bootstrap-containers: one bootstrap container at this boot: its state ("pending", "running", "succeeded",
/// "failed", "skipped" (mode off)), its exit code, and why it failed.
/// </summary>
internal sealed record BootstrapContainerStatus(string Name, string Mode, bool Essential, string State, int? ExitCode, string? Message);
