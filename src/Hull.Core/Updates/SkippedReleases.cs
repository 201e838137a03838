namespace Hull.Updates;

/// <summary>
/// The releases whose settings migrations a host needs to move from the version it runs to a chosen one: every
/// release of the host's variant and architecture above the running version up to the chosen one, the chosen one
/// included. A host going from 1.0.0 straight to 1.0.2 still runs 1.0.1's migrations, as each release's migrations
/// start from the release before it.
/// </summary>
public static class SkippedReleases
{
    /// <summary>The releases (with their parsed versions) whose migrations lead from <paramref name="host"/> to <paramref name="chosen"/>, oldest first.</summary>
    public static IReadOnlyList<(HullVersion Version, Release Release)> Between(ReleaseManifest manifest, UpdateHost host, HullVersion chosen) =>
        manifest.Releases
            .Where(r => r.Variant == host.Variant && r.Arch == host.Arch)
            .Select(r => (Parsed: HullVersion.TryParse(r.Version, out var v), Version: v, Release: r))
            .Where(r => r.Parsed && r.Version > host.Version && r.Version <= chosen)
            .OrderBy(r => r.Version)
            .Select(r => (r.Version, r.Release))
            .ToList();
}
