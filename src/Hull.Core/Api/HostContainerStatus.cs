namespace Hull.Api;

/// <summary>
/// GET /host-containers: one host container: what settings declare, and its state ("running", "starting", "stopped"
/// (disabled), "failed"), with the reason when it is not as declared.
/// </summary>
internal sealed record HostContainerStatus(string Name, string Source, bool Enabled, bool Superpowered, string State, string? Message);
