using Hull.Builder.Build;

namespace Hull.Builder.Debian;

/// <summary>`hull build --update-lock`: pins every package of image/packages.txt to apt's current candidate.</summary>
internal static class LockUpdater
{
    public static async Task UpdateAsync(BuildPaths paths, TextWriter output, CancellationToken cancellationToken)
    {
        var list = PackageList.Parse(await File.ReadAllTextAsync(paths.PackageListFile, cancellationToken).ConfigureAwait(false), "image/packages.txt");
        var names = new List<string>(list.Names);
        foreach (var meta in list.MetaNames)
        {
            names.AddRange(await AptClient.MetaDependenciesAsync(meta, cancellationToken).ConfigureAwait(false));
        }

        var locked = new List<LockedPackage>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            locked.Add(await AptClient.ResolveCandidateAsync(name, cancellationToken).ConfigureAwait(false));
        }

        var text = new PackageLock(locked).Format();
        var old = File.Exists(paths.LockFile) ? await File.ReadAllTextAsync(paths.LockFile, cancellationToken).ConfigureAwait(false) : "";
        var temp = paths.LockFile + ".tmp";
        await File.WriteAllTextAsync(temp, text, cancellationToken).ConfigureAwait(false);
        File.Move(temp, paths.LockFile, overwrite: true);
        output.WriteLine(old == text ? "image/packages.lock is up to date" : $"image/packages.lock updated: {locked.Count} packages (review the diff)");
    }
}
