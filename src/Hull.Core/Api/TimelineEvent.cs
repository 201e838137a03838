namespace Hull.Api;

/// <summary>GET /boot-timeline: one event, in seconds since the kernel started.</summary>
internal sealed record TimelineEvent(double Uptime, string Event);
