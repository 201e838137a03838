namespace Hull.Containerd;

/// <summary>How images are unpacked and for which platform.</summary>
/// <param name="Snapshotter">The snapshotter CRI uses (its containerd.snapshotter setting): the layers are unpacked for it.</param>
/// <param name="Os">The platform's OS, as image indexes spell it ("linux").</param>
/// <param name="Architecture">The platform's architecture, GOARCH spelling ("amd64", "arm64").</param>
/// <param name="LeaseExpiry">How long the import's lease outlives a crash of ours before the collector may drop what it held.</param>
internal sealed record ImageImporterOptions(string Snapshotter, string Os, string Architecture, TimeSpan LeaseExpiry)
{
    /// <summary>overlayfs (what the host's CRI uses), this machine's platform, a one-hour lease.</summary>
    public static ImageImporterOptions Default { get; } = For("overlayfs");

    /// <summary>The defaults with another snapshotter (a test containerd on an overlay root uses "native").</summary>
    public static ImageImporterOptions For(string snapshotter) => new(snapshotter, "linux", HostArchitecture(), TimeSpan.FromHours(1));

    private static string HostArchitecture() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        var other => other.ToString().ToLowerInvariant(),
    };
}
