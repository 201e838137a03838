namespace Hull.Builder.Tests.TestSupport;

/// <summary>The checkout the tests run from: the folder above the test binary that holds image/packages.txt.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "image", "packages.txt")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no image/packages.txt above {AppContext.BaseDirectory}");
    }
}
