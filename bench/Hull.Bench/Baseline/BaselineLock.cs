using Hull.Builder.Debian;
using Hull.Builder.Tools;

namespace Hull.Bench.Baseline;

/// <summary>
/// The baseline's pinned packages (bench/baseline/packages.txt → packages.lock, the format of image/packages.lock),
/// made and checked against Hull's lock: the kernel, containerd and runc must be Hull's very files, and so must every
/// other package the two share.
/// </summary>
internal static class BaselineLock
{
    public const string ListFile = "bench/baseline/packages.txt";
    public const string LockFile = "bench/baseline/packages.lock";
    public const string ImageLockFile = "image/packages.lock";

    /// <summary>The packages that make the comparison: the same kernel and container stack as Hull's.</summary>
    public static readonly IReadOnlyList<string> Shared = ["containerd", "runc"];

    private const string Header =
        "# The baseline host's pinned Debian bookworm packages (bench/run compare), with Hull's own where Hull takes one from a later suite. Made by `bench/run baseline-lock`; do not edit by hand.\n" +
        "# name\tversion\tarch\tsize\tsha256\tsuite\n";

    /// <summary>Reads both locks and checks the baseline's against Hull's.</summary>
    public static (PackageLock Baseline, PackageLock Image) Load(string repo)
    {
        var image = PackageLock.Parse(File.ReadAllText(Path.Combine(repo, ImageLockFile)), ImageLockFile);
        var path = Path.Combine(repo, LockFile);
        if (!File.Exists(path))
        {
            throw new ToolException($"{LockFile} is missing: run `bench/run baseline-lock`");
        }

        var baseline = PackageLock.Parse(File.ReadAllText(path), LockFile);
        Check(baseline, image);
        return (baseline, image);
    }

    /// <summary>Hull's kernel package in <paramref name="image"/>.</summary>
    public static LockedPackage Kernel(PackageLock image) =>
        image.Packages.SingleOrDefault(p => p.Name.StartsWith("linux-image-", StringComparison.Ordinal))
        ?? throw new ToolException($"{ImageLockFile} has no single linux-image-* package");

    /// <summary>Throws, naming the package, unless the baseline has Hull's kernel, containerd and runc and every shared package is the same file.</summary>
    public static void Check(PackageLock baseline, PackageLock image)
    {
        foreach (var name in Shared.Append(Kernel(image).Name))
        {
            if (baseline.Packages.All(p => p.Name != name))
            {
                throw new ToolException($"{LockFile} lacks '{name}', which the comparison needs as in {ImageLockFile}: run `bench/run baseline-lock`");
            }
        }

        foreach (var package in baseline.Packages)
        {
            if (image.Packages.FirstOrDefault(p => p.Name == package.Name) is { } hull && hull != package)
            {
                throw new ToolException(
                    $"{LockFile} has '{package.Name}' {package.Version} (sha256 {package.Sha256}) but {ImageLockFile} has {hull.Version} (sha256 {hull.Sha256}): run `bench/run baseline-lock`");
            }
        }
    }

    /// <summary>`bench/run baseline-lock`: resolves the list and its dependencies with apt, Hull's packages pinned to Hull's versions, and rewrites the lock.</summary>
    public static async Task UpdateAsync(string repo, TextWriter output, CancellationToken cancellationToken)
    {
        var list = PackageList.Parse(await File.ReadAllTextAsync(Path.Combine(repo, ListFile), cancellationToken), ListFile);
        if (list.Metas.Count > 0)
        {
            throw new ToolException($"{ListFile}: 'meta' lines are not used here; Hull's kernel package is added from {ImageLockFile}");
        }

        var image = PackageLock.Parse(await File.ReadAllTextAsync(Path.Combine(repo, ImageLockFile), cancellationToken), ImageLockFile);
        var names = list.Names.Append(Kernel(image).Name).Distinct(StringComparer.Ordinal).ToList();

        // A package Hull takes from a later suite (containerd) is not in the machine's apt: the baseline gets Hull's very file,
        // and apt resolves the rest (its dependencies are the machine suite's, e.g. libc6, as in Hull's image).
        var later = image.Packages.Where(p => names.Contains(p.Name) && p.Suite != AptSource.HostSuite).ToList();
        names.RemoveAll(n => later.Any(p => p.Name == n));
        var pins = image.Packages.Where(p => names.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Version, StringComparer.Ordinal);

        // A dependency Hull also has (libc6 ...) may have moved on in the archive since Hull's lock: pin it too and ask again.
        IReadOnlyList<LockedPackage> resolved = [];
        for (var pass = 0; pass < 3; pass++)
        {
            var specs = names.Concat(pins.Keys.Except(names)).Select(n => pins.TryGetValue(n, out var v) ? $"{n}={v}" : n).ToList();
            resolved = await AptClient.ResolveInstallSetAsync(specs, cancellationToken);
            var moved = resolved.Where(p => image.Packages.Any(i => i.Name == p.Name && i.Version != p.Version)).ToList();
            if (moved.Count == 0)
            {
                break;
            }

            foreach (var package in moved)
            {
                pins[package.Name] = image.Packages.First(i => i.Name == package.Name).Version;
            }
        }

        var locked = new PackageLock(resolved.Concat(later).OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
        Check(locked, image);
        var text = locked.Format(Header);
        var path = Path.Combine(repo, LockFile);
        var old = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : "";
        await File.WriteAllTextAsync(path + ".tmp", text, cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
        output.WriteLine(old == text ? $"{LockFile} is up to date" : $"{LockFile} updated: {locked.Packages.Count} packages (review the diff)");
    }
}
