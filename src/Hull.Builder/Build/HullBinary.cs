using Hull.Builder.Tools;

namespace Hull.Builder.Build;

/// <summary>Publishes the host binary with NativeAOT (incremental: an unchanged tree republishes in seconds).</summary>
internal static class HullBinary
{
    public static async Task<string> PublishAsync(string repoRoot, string cacheDirectory, CancellationToken cancellationToken)
    {
        var output = Path.Combine(cacheDirectory, "hull-bin");
        await Tool.RunAsync("dotnet", ["publish", Path.Combine(repoRoot, "src", "Hull", "Hull.csproj"), "-c", "Release", "-r", "linux-x64", "-o", output, "--nologo", "-v", "q"],
            repoRoot, cancellationToken).ConfigureAwait(false);
        return Path.Combine(output, "hull");
    }
}
