using System.CommandLine;
using Hull.Builder.Debian;

namespace Hull.Builder.Build;

/// <summary>`hull build [--update-lock] [--hull-binary PATH] [--output DIR] [--keys DIR] [--version X.Y.Z] [--exclude PATH]...`.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var updateLock = new Option<bool>("--update-lock") { Description = "Resolve image/packages.txt against apt's current candidates and rewrite image/packages.lock, then build" };
        var hullBinary = new Option<string?>("--hull-binary") { Description = "Use this NativeAOT hull binary instead of publishing one" };
        var output = new Option<string?>("--output") { Description = "Output folder (default: out/)" };
        var keys = new Option<string?>("--keys") { Description = "Key folder: Secure Boot keys, and update signing keys in updates/; created on first use (default: keys/, never committed)" };
        var version = new Option<string?>("--version") { Description = "Image version MAJOR.MINOR.PATCH (default: image/version)" };
        var exclude = new Option<string[]>("--exclude") { Description = "Leave this absolute path (file, link or directory) out of the root tree; repeatable (tests build broken releases with it)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("build", "Build the default image: a signed, verified, bootable GPT disk in out/, with the UKIs of both slots")
        {
            updateLock, hullBinary, output, keys, version, exclude,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = BuildPaths.ForCheckout(BuildPaths.FindRepoRoot(), parse.GetValue(output), parse.GetValue(keys));
            var options = new BuildOptions(parse.GetValue(hullBinary), parse.GetValue(version), parse.GetValue(exclude) ?? []);
            // Refuse a bad --version before the lock update or anything slow.
            options.ResolveVersion(await File.ReadAllTextAsync(paths.VersionFile, cancellationToken).ConfigureAwait(false), "image/version");
            if (parse.GetValue(updateLock))
            {
                await LockUpdater.UpdateAsync(paths, Console.Out, cancellationToken).ConfigureAwait(false);
            }

            await new ImageBuilder(paths, Console.Out).BuildAsync(options, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
