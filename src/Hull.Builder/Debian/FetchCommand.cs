using System.CommandLine;
using Hull.Builder.Build;

namespace Hull.Builder.Debian;

/// <summary>`hull fetch NAME...`: downloads, verifies and extracts locked packages, and prints where each one's files are.</summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("package") { Description = "Package names from image/packages.lock", Arity = ArgumentArity.OneOrMore };
        var command = new Command("fetch", "Download the locked packages named (apt-get download, checked by size and SHA-256), extract them under .cache/extracted and print each folder; the tests run the image's containerd this way")
        {
            names,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = BuildPaths.ForCheckout(BuildPaths.FindRepoRoot());
            var packageLock = PackageLock.Parse(await File.ReadAllTextAsync(paths.LockFile, cancellationToken).ConfigureAwait(false), "image/packages.lock");
            var cache = new PackageCache(paths.CacheDirectory);
            foreach (var name in parse.GetValue(names) ?? [])
            {
                var package = packageLock.Get(name);
                Console.WriteLine($"{name}\t{package.Version}\t{await cache.ExtractAsync(package, cancellationToken).ConfigureAwait(false)}");
            }

            return 0;
        });
        return command;
    }
}
