namespace Hull.Testing;

/// <summary>
/// Compares rendered text with committed golden files under a folder of the checkout. With
/// HULL_UPDATE_GOLDEN=1 in the environment it rewrites the folder from what was rendered instead
/// (then review the diff and commit it): `HULL_UPDATE_GOLDEN=1 dotnet test --project ... --filter-class "*Golden*"`.
/// </summary>
public static class GoldenFiles
{
    /// <summary>The environment variable that switches from comparing to rewriting.</summary>
    public const string UpdateVariable = "HULL_UPDATE_GOLDEN";

    /// <summary>
    /// Checks that the folder <paramref name="folder"/> (relative to the checkout) holds exactly <paramref name="rendered"/>:
    /// relative path → content. A file missing on either side fails, as does any difference in content.
    /// </summary>
    public static void Check(string folder, IReadOnlyDictionary<string, string> rendered)
    {
        var root = Path.Combine(RepoRoot(), folder);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            foreach (var (name, content) in rendered)
            {
                var file = Path.Combine(root, name);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, content);
            }

            return;
        }

        var hint = $"(regenerate with {UpdateVariable}=1, then review and commit {folder})";
        var committed = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToList()
            : [];
        rendered.Keys.Order(StringComparer.Ordinal).ToList().ShouldBe(committed, $"the rendered files differ from those in {folder} {hint}");
        foreach (var (name, content) in rendered)
        {
            content.ShouldBe(File.ReadAllText(Path.Combine(root, name)), $"{folder}/{name} {hint}");
        }
    }

    /// <summary>The checkout: the first folder above the test binary that holds Hull.sln.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hull.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Hull.sln above {AppContext.BaseDirectory}");
    }
}
