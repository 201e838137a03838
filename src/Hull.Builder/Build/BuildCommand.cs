using System.CommandLine;
using Hull.Builder.Debian;

namespace Hull.Builder.Build;

/// <summary>`hull build [--update-lock] [--hull-binary PATH] [--output DIR] [--keys DIR]`.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var updateLock = new Option<bool>("--update-lock") { Description = "Resolve image/packages.txt against apt's current candidates and rewrite image/packages.lock, then build" };
        var hullBinary = new Option<string?>("--hull-binary") { Description = "Use this NativeAOT hull binary instead of publishing one" };
        var output = new Option<string?>("--output") { Description = "Output folder (default: out/)" };
        var keys = new Option<string?>("--keys") { Description = "Secure Boot key folder, created on first use (default: keys/, never committed)" };
        var command = new Command("build", "Build the default image: a signed, verified, bootable GPT disk in out/") { updateLock, hullBinary, output, keys };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = BuildPaths.ForCheckout(BuildPaths.FindRepoRoot(), parse.GetValue(output), parse.GetValue(keys));
            if (parse.GetValue(updateLock))
            {
                await LockUpdater.UpdateAsync(paths, Console.Out, cancellationToken).ConfigureAwait(false);
            }

            await new ImageBuilder(paths, Console.Out).BuildAsync(parse.GetValue(hullBinary), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
