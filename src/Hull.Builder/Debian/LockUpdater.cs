using Hull.Builder.Build;

namespace Hull.Builder.Debian;

/// <summary>`hull build --update-lock`: pins every package of image/packages.txt to its suite's current candidate.</summary>
internal static class LockUpdater
{
    public static async Task UpdateAsync(BuildPaths paths, TextWriter output, CancellationToken cancellationToken)
    {
        var list = PackageList.Parse(await File.ReadAllTextAsync(paths.PackageListFile, cancellationToken).ConfigureAwait(false), "image/packages.txt");
        var sources = new Dictionary<string, AptSource>(StringComparer.Ordinal);
        async Task<AptSource> SourceAsync(string suite)
        {
            if (!sources.TryGetValue(suite, out var source))
            {
                source = sources[suite] = AptSource.For(suite, paths.CacheDirectory);
                await source.EnsureListsAsync(refresh: true, cancellationToken).ConfigureAwait(false);
            }

            return source;
        }

        var packages = new List<ListedPackage>(list.Packages);
        foreach (var meta in list.Metas)
        {
            var dependencies = await AptClient.MetaDependenciesAsync(meta.Name, await SourceAsync(meta.Suite).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            packages.AddRange(dependencies.Select(name => new ListedPackage(name, meta.Suite)));
        }

        var locked = new List<LockedPackage>();
        foreach (var package in packages.DistinctBy(p => p.Name, StringComparer.Ordinal))
        {
            locked.Add(await AptClient.ResolveCandidateAsync(package.Name, await SourceAsync(package.Suite).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
        }

        var text = new PackageLock(locked).Format();
        var old = File.Exists(paths.LockFile) ? await File.ReadAllTextAsync(paths.LockFile, cancellationToken).ConfigureAwait(false) : "";
        var temp = paths.LockFile + ".tmp";
        await File.WriteAllTextAsync(temp, text, cancellationToken).ConfigureAwait(false);
        File.Move(temp, paths.LockFile, overwrite: true);
        output.WriteLine(old == text ? "image/packages.lock is up to date" : $"image/packages.lock updated: {locked.Count} packages (review the diff)");
    }
}
