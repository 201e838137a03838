namespace Hull.Bench.Compare;

/// <summary>One point of a boot, in seconds since the kernel started (the guest's /proc/uptime).</summary>
internal sealed record BootEvent(double Uptime, string Name);
