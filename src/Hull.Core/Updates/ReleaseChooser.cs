using System.Globalization;

namespace Hull.Updates;

/// <summary>
/// Picks the release a host moves to (the design in docs: same variant and arch, newer than the running version,
/// no higher than any max_version the repository sets for them, equal to the version lock unless it is
/// <c>latest</c>, and only once the host's wave has started unless waves are ignored). The highest eligible
/// release wins; every other newer release gets a line saying why not.
/// </summary>
public sealed class ReleaseChooser(TimeProvider time)
{
    /// <summary>Chooses from <paramref name="manifest"/> for <paramref name="host"/> under <paramref name="policy"/>, at the injected clock's now.</summary>
    public ReleaseChoice Choose(ReleaseManifest manifest, UpdateHost host, UpdatePolicy policy)
    {
        var now = time.GetUtcNow();
        var notes = new List<string>();
        var ours = new List<(Release Release, HullVersion Version)>();
        for (var i = 0; i < manifest.Releases.Count; i++)
        {
            var release = manifest.Releases[i];
            if (!HullVersion.TryParse(release.Version, out var version) || version <= host.Version)
            {
                continue;
            }

            if (release.Variant != host.Variant || release.Arch != host.Arch)
            {
                notes.Add($"{ReleaseManifest.TargetPath}: releases[{i}]: {version} is for variant {release.Variant} on {release.Arch}, not this host's {host.Variant} on {host.Arch}");
                continue;
            }

            ours.Add((release, version));
        }

        // A publisher's brake holds every host of the variant and arch, whichever release carries it.
        var brake = manifest.Releases
            .Where(r => r.Variant == host.Variant && r.Arch == host.Arch && r.MaxVersion is not null)
            .Select(r => (Release: r, Max: HullVersion.TryParse(r.MaxVersion, out var max) ? max : (HullVersion?)null))
            .Where(b => b.Max is not null)
            .OrderBy(b => b.Max!.Value)
            .FirstOrDefault();

        ours.Sort((a, b) => b.Version.CompareTo(a.Version));
        Release? chosen = null;
        foreach (var (release, version) in ours)
        {
            // Below the choice nothing needs explaining: the highest eligible release wins.
            if (chosen is not null)
            {
                break;
            }

            var why = brake.Max is { } max && version > max
                ? $"{version} is above max_version {max} (set by release {brake.Release.Version})"
                : policy.VersionLock is { } locked && version != locked
                    ? $"{version} is not settings.updates.version-lock {locked}"
                    : WaitsFor(release, version, policy, now);
            if (why is null)
            {
                chosen = release;
            }
            else
            {
                notes.Add(why);
            }
        }

        if (policy.VersionLock is { } lockVersion && !ours.Any(r => r.Version == lockVersion))
        {
            notes.Add(lockVersion <= host.Version
                ? $"settings.updates.version-lock {lockVersion} is not newer than the running {host.Version}"
                : $"settings.updates.version-lock {lockVersion}: {ReleaseManifest.TargetPath} has no such release for {host.Variant} on {host.Arch}");
        }

        return new ReleaseChoice(chosen, [.. ours.Select(r => r.Release)], notes);
    }

    // Null when the host's wave has started (or waves do not apply); otherwise what it waits for.
    private static string? WaitsFor(Release release, HullVersion version, UpdatePolicy policy, DateTimeOffset now)
    {
        var waves = release.Waves;
        if (waves.Count == 0 || policy.IgnoreWaves)
        {
            return null;
        }

        var index = -1;
        for (var i = 0; i < waves.Count; i++)
        {
            if (policy.Seed < waves[i].SeedBelow)
            {
                index = i;
                break;
            }
        }

        // Seeds above every wave go with the last one.
        var wave = waves[index < 0 ? waves.Count - 1 : index];
        if (now >= wave.Starts)
        {
            return null;
        }

        var starts = wave.Starts.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return index < 0
            ? $"{version} waits for its last wave, starting {starts} (seed {policy.Seed} is above every wave)"
            : $"{version} waits for wave {index + 1} of {waves.Count} (seed {policy.Seed} < {wave.SeedBelow}), starting {starts}";
    }
}
