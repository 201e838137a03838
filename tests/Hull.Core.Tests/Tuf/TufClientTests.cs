using System.Text.Json;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

public sealed class TufClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DownloadTarget_PublishedRelease_WritesTheVerifiedFileAndPersistsMetadata()
    {
        using var s = TufScenario.Create();
        var image = TufScenario.Image(300_000, 1);
        using var custom = JsonDocument.Parse("""{"version":"2.0","build":"2.0+1"}""");
        s.Release("images/hull-2.0.img", image, custom.RootElement);
        var client = s.Client();

        var result = await client.DownloadTargetAsync("images/hull-2.0.img", s.Download("hull.img"), Ct);

        result.Error.ShouldBeNull();
        File.ReadAllBytes(s.Download("hull.img")).ShouldBe(image);
        result.Value.Length.ShouldBe(image.Length);
        result.Value.Custom!.Value.GetProperty("build").GetString().ShouldBe("2.0+1");
        client.TrustedTimestamp!.Version.ShouldBe(2);
        foreach (var file in new[] { "root.json", "timestamp.json", "snapshot.json", "targets.json" })
        {
            File.Exists(Path.Combine(s.ClientDir, file)).ShouldBeTrue(file);
        }

        Directory.GetFiles(Path.GetDirectoryName(s.Download("x"))!).ShouldBe([s.Download("hull.img")]);
    }

    [Fact]
    public async Task Refresh_NothingNewThenANewRelease_KeepsTrustAndSeesTheRelease()
    {
        using var s = TufScenario.Create();
        s.Release("a.img", [1]);
        (await s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();

        // Same timestamp version again: spec 5.4.3.1 keeps the trusted copy; not an error.
        var again = await s.Client().RefreshAsync(Ct);
        again.Error.ShouldBeNull();
        again.Value.Version.ShouldBe(2);

        s.Release("b.img", [2]);
        var client = s.Client();
        var after = await client.RefreshAsync(Ct);

        after.Error.ShouldBeNull();
        after.Value.Targets.Keys.Order().ShouldBe(["a.img", "b.img"]);
        client.TrustedSnapshot!.Version.ShouldBe(3);
    }

    [Fact]
    public async Task DownloadTarget_WithoutConsistentSnapshots_FetchesPlainNames()
    {
        using var s = TufScenario.Create(consistent: false);
        s.Release("hull.img", [9, 8, 7]);
        var transport = new TamperingTransport(new DirectoryTufTransport(s.RepoDir), _ => null);

        var result = await s.Client(transport).DownloadTargetAsync("hull.img", s.Download("hull.img"), Ct);

        result.Error.ShouldBeNull();
        File.ReadAllBytes(s.Download("hull.img")).ShouldBe([9, 8, 7]);
        transport.Requests.ShouldBe(["metadata/2.root.json", "metadata/timestamp.json", "metadata/snapshot.json", "metadata/targets.json", "targets/hull.img"]);
    }

    [Fact]
    public async Task DownloadTarget_ConsistentSnapshots_FetchesVersionedAndHashedNames()
    {
        using var s = TufScenario.Create();
        var entry = s.Release("dir/hull.img", [1, 2]);
        var transport = new TamperingTransport(new DirectoryTufTransport(s.RepoDir), _ => null);

        (await s.Client(transport).DownloadTargetAsync("dir/hull.img", s.Download("hull.img"), Ct)).Error.ShouldBeNull();

        transport.Requests.ShouldBe(["metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json", "metadata/2.targets.json", $"targets/dir/{entry.Sha256}.hull.img"]);
    }

    [Fact]
    public async Task Refresh_NoTrustedRoot_RefusedNamingRootJson()
    {
        using var s = TufScenario.Create();
        File.Delete(Path.Combine(s.ClientDir, "root.json"));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.NoTrustedRoot);
        result.Error.File.ShouldBe("root.json");
        result.Error.Message.ShouldContain(s.ClientDir);
    }

    [Fact]
    public async Task Refresh_TimestampMissing_DownloadFailedNamingIt()
    {
        using var s = TufScenario.Create();
        File.Delete(s.MetadataFile("timestamp.json"));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.DownloadFailed);
        result.Error.Message.ShouldStartWith("timestamp.json: ");
    }
}
