namespace Hull.Settings;

/// <summary>One rlimit of an OCI spec: <c>RLIMIT_NOFILE</c> and its limits (<see cref="ulong.MaxValue"/> is RLIM_INFINITY, "unlimited").</summary>
internal readonly record struct OciRlimit(string Type, ulong Soft, ulong Hard);
