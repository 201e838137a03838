using System.Text.Json;
using Hull.Builder.Build;

namespace Hull.EndToEnd;

/// <summary>The image under test: out/build.json of the build `./hull test` made for this run (HULL_E2E_BUILD).</summary>
internal static class E2EBuild
{
    private static readonly Lazy<BuildManifest?> Manifest = new(() =>
    {
        var path = Environment.GetEnvironmentVariable("HULL_E2E_BUILD");
        return path is null || !File.Exists(path) ? null : JsonSerializer.Deserialize(File.ReadAllText(path), BuildJsonContext.Default.BuildManifest);
    });

    /// <summary>The manifest; skips the test when no image was built for this run.</summary>
    public static BuildManifest Require()
    {
        if (Manifest.Value is null)
        {
            Assert.Skip("no image to boot: set HULL_E2E_BUILD to a build.json (./hull test does)");
        }

        return Manifest.Value!;
    }

    /// <summary>A fresh folder for one test's files, under the run's scratch area.</summary>
    public static string ScratchDirectory(string name)
    {
        var root = Environment.GetEnvironmentVariable("HULL_E2E_SCRATCH") ?? Path.Combine(Path.GetTempPath(), "hull-e2e");
        var dir = Path.Combine(root, name);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        return dir;
    }
}
