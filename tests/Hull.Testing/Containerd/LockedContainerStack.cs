namespace Hull.Testing.Containerd;

/// <summary>
/// The image's own containerd and runc, as image/packages.lock pins them (containerd comes from a later Debian suite than
/// the build machine's, so the machine's /usr/bin/containerd is not it). `./hull fetch containerd runc` downloads, verifies
/// and extracts them under .cache/extracted; tests/run does that before the tests.
/// </summary>
public static class LockedContainerStack
{
    /// <summary>The folder holding containerd, its shim and ctr.</summary>
    public static string ContainerdBin => Path.Combine(Extracted("containerd"), "usr", "bin");

    /// <summary>The folder holding runc.</summary>
    public static string RuncBin => Path.Combine(Extracted("runc"), "usr", "sbin");

    private static string Extracted(string name)
    {
        var repo = GoldenFiles.RepoRoot();
        var line = File.ReadLines(Path.Combine(repo, "image", "packages.lock")).FirstOrDefault(l => l.StartsWith(name + "\t", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"image/packages.lock has no '{name}'");
        var version = line.Split('\t')[1];
        var folder = Path.Combine(repo, ".cache", "extracted", $"{name}_{version}");
        File.Exists(folder + ".done").ShouldBeTrue($"{name} {version} is not extracted: run `./hull fetch containerd runc` (tests/run does)");
        return folder;
    }
}
