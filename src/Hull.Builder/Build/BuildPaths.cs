namespace Hull.Builder.Build;

/// <summary>Where the build reads its inputs and writes its outputs, all under the checkout unless told otherwise.</summary>
internal sealed record BuildPaths(string RepoRoot, string CacheDirectory, string OutputDirectory, string KeysDirectory)
{
    public string ImageDirectory => Path.Combine(RepoRoot, "image");
    public string PackageListFile => Path.Combine(ImageDirectory, "packages.txt");
    public string LockFile => Path.Combine(ImageDirectory, "packages.lock");
    public string RootfsManifestFile => Path.Combine(ImageDirectory, "rootfs.txt");
    public string ModulesFile => Path.Combine(ImageDirectory, "modules.txt");
    public string VersionFile => Path.Combine(ImageDirectory, "version");
    public string WorkDirectory => Path.Combine(CacheDirectory, "work");

    /// <summary>Paths for a checkout at <paramref name="repoRoot"/> with the default cache, output and keys folders.</summary>
    public static BuildPaths ForCheckout(string repoRoot, string? output = null, string? keys = null) => new(
        repoRoot,
        Path.Combine(repoRoot, ".cache"),
        Path.GetFullPath(output ?? Path.Combine(repoRoot, "out")),
        Path.GetFullPath(keys ?? Path.Combine(repoRoot, "keys")));

    /// <summary>Finds the checkout by walking up from the current directory to the folder holding image/packages.txt.</summary>
    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "image", "packages.txt")))
            {
                return dir.FullName;
            }
        }

        var env = Environment.GetEnvironmentVariable("HULL_REPO");
        return env ?? throw new Tools.ToolException("not inside a Hull checkout (no image/packages.txt above the current directory); set HULL_REPO");
    }
}
