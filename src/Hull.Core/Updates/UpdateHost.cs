namespace Hull.Updates;

/// <summary>The running image a release is chosen for: os-release's VERSION_ID and VARIANT_ID, and the CPU architecture (<c>x86_64</c>).</summary>
public sealed record UpdateHost(HullVersion Version, string Variant, string Arch);
