using System.Globalization;
using Hull.Builder.Tools;

namespace Hull.Builder.Debian;

/// <summary>Asks apt (the machine's, or a private one for another suite: <see cref="AptSource"/>) for package facts and files. It never installs anything.</summary>
internal static class AptClient
{
    /// <summary>The candidate version apt would install for <paramref name="name"/>.</summary>
    public static async Task<LockedPackage> ResolveCandidateAsync(string name, AptSource source, CancellationToken cancellationToken)
    {
        var policy = await Tool.RunAsync("apt-cache", [.. source.Options, "policy", name], cancellationToken: cancellationToken).ConfigureAwait(false);
        var candidate = policy.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Candidate:", StringComparison.Ordinal))?["Candidate:".Length..].Trim();
        if (candidate is null or "(none)")
        {
            throw new ToolException($"package '{name}' has no candidate version in {source.Suite} (run `apt-get update`, or check the name)");
        }

        return await ShowAsync(name, candidate, source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The packages a meta package depends on (first alternative of each dependency).</summary>
    public static async Task<IReadOnlyList<string>> MetaDependenciesAsync(string name, AptSource source, CancellationToken cancellationToken)
    {
        var locked = await ResolveCandidateAsync(name, source, cancellationToken).ConfigureAwait(false);
        var fields = await ShowFieldsAsync(name, locked.Version, source, cancellationToken).ConfigureAwait(false);
        if (!fields.TryGetValue("Depends", out var depends))
        {
            throw new ToolException($"meta package '{name}' has no Depends field");
        }

        return depends.Split(',').Select(d => d.Split('|')[0].Trim().Split(' ')[0]).Where(d => d.Length > 0).ToList();
    }

    /// <summary>
    /// Every package the machine's apt would install on an empty system for <paramref name="specs"/> (NAME or NAME=VERSION), without
    /// recommends: the closure of their dependencies, each pinned to the version apt chose.
    /// </summary>
    public static async Task<IReadOnlyList<LockedPackage>> ResolveInstallSetAsync(IReadOnlyList<string> specs, CancellationToken cancellationToken)
    {
        // An empty status file (/dev/null) makes apt plan as for a new root, the way debootstrap and mmdebstrap do.
        var plan = await Tool.RunAsync("apt-get", ["install", "--simulate", "--no-install-recommends", "-o", "Dir::State::Status=/dev/null", .. specs], cancellationToken: cancellationToken).ConfigureAwait(false);
        var packages = new List<LockedPackage>();
        foreach (var (name, version) in ParseSimulatedInstalls(plan))
        {
            packages.Add(await ShowAsync(name, version, AptSource.Host, cancellationToken).ConfigureAwait(false));
        }

        return packages;
    }

    /// <summary>The "Inst NAME (VERSION ...)" lines of `apt-get install --simulate`, as name and version.</summary>
    internal static IReadOnlyList<(string Name, string Version)> ParseSimulatedInstalls(string plan)
    {
        var installs = new List<(string, string)>();
        foreach (var line in plan.Split('\n'))
        {
            var open = line.IndexOf('(', StringComparison.Ordinal);
            if (!line.StartsWith("Inst ", StringComparison.Ordinal) || open < 0)
            {
                continue;
            }

            var name = line["Inst ".Length..].Split(' ', 2)[0];
            installs.Add((name, line[(open + 1)..].Split(' ', 2)[0]));
        }

        return installs;
    }

    /// <summary>Downloads exactly <paramref name="package"/> into <paramref name="directory"/>.</summary>
    public static async Task DownloadAsync(LockedPackage package, AptSource source, string directory, CancellationToken cancellationToken)
    {
        await source.EnsureListsAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        await Tool.RunAsync("apt-get", [.. source.Options, "download", "-q", $"{package.Name}={package.Version}"], directory, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LockedPackage> ShowAsync(string name, string version, AptSource source, CancellationToken cancellationToken)
    {
        var f = await ShowFieldsAsync(name, version, source, cancellationToken).ConfigureAwait(false);
        if (!f.TryGetValue("SHA256", out var sha) || !f.TryGetValue("Size", out var size) || !f.TryGetValue("Architecture", out var arch))
        {
            throw new ToolException($"apt-cache show {name}={version} gave no SHA256/Size/Architecture");
        }

        return new LockedPackage(name, version, arch, long.Parse(size, CultureInfo.InvariantCulture), sha.ToLowerInvariant(), source.Suite);
    }

    private static async Task<Dictionary<string, string>> ShowFieldsAsync(string name, string version, AptSource source, CancellationToken cancellationToken)
    {
        var text = await Tool.RunAsync("apt-cache", [.. source.Options, "show", $"{name}={version}"], cancellationToken: cancellationToken).ConfigureAwait(false);

        // Several stanzas may appear (the same version from two sources); the first is enough.
        var stanza = text.Replace("\r", "", StringComparison.Ordinal).Split("\n\n")[0];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stanza.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !char.IsWhiteSpace(line[0]))
            {
                fields[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }

        return fields;
    }
}
