using Hull.Builder.Build;

namespace Hull.Builder.Tests.Build;

public sealed class BuildPathsTests
{
    [Fact]
    public void ForCheckout_Defaults_EverythingUnderTheCheckout()
    {
        var paths = BuildPaths.ForCheckout("/src/hull");

        paths.CacheDirectory.ShouldBe("/src/hull/.cache");
        paths.OutputDirectory.ShouldBe("/src/hull/out");
        paths.KeysDirectory.ShouldBe("/src/hull/keys");
        paths.WorkDirectory.ShouldBe("/src/hull/.cache/work");
        paths.LockFile.ShouldBe("/src/hull/image/packages.lock");
        paths.PackageListFile.ShouldBe("/src/hull/image/packages.txt");
        paths.RootfsManifestFile.ShouldBe("/src/hull/image/rootfs.txt");
        paths.ModulesFile.ShouldBe("/src/hull/image/modules.txt");
        paths.VersionFile.ShouldBe("/src/hull/image/version");
    }

    [Fact]
    public void ForCheckout_RelativeOutputAndKeys_MadeAbsolute()
    {
        var paths = BuildPaths.ForCheckout("/src/hull", output: "out2", keys: "/secure/keys");

        paths.OutputDirectory.ShouldBe(Path.Combine(Environment.CurrentDirectory, "out2"));
        paths.KeysDirectory.ShouldBe("/secure/keys");
    }
}
