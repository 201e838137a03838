using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Mix-and-match: metadata files that never existed together on the repository.</summary>
public sealed class TufMixAndMatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_OlderTargetsUnderTheNewName_HashMismatch()
    {
        using var s = TufScenario.Create();
        s.Release("a.img", [1]);
        s.Release("b.img", [2]);
        File.Copy(s.MetadataFile("2.targets.json"), s.MetadataFile("3.targets.json"), overwrite: true);

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.HashMismatch);
        result.Error.File.ShouldBe("3.targets.json");
        result.Error.Message.ShouldContain("listed in snapshot.json");
    }

    [Fact]
    public async Task Refresh_OlderTargetsWhenSnapshotListsOnlyVersions_VersionMismatch()
    {
        using var s = TufScenario.Create(options: new TufWriterOptions { ListLengthAndHashes = false });
        s.Release("a.img", [1]);
        s.Release("b.img", [2]);
        File.Copy(s.MetadataFile("2.targets.json"), s.MetadataFile("3.targets.json"), overwrite: true);

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.VersionMismatch);
        result.Error.File.ShouldBe("3.targets.json");
        result.Error.Message.ShouldBe("3.targets.json: holds version 2, but snapshot.json lists version 3 (mix-and-match?)");
    }

    [Fact]
    public async Task Refresh_OlderSnapshotWhenTimestampListsOnlyVersions_VersionMismatch()
    {
        using var s = TufScenario.Create(consistent: false, options: new TufWriterOptions { ListLengthAndHashes = false });
        var snapshot1 = File.ReadAllBytes(s.MetadataFile("snapshot.json"));
        s.Release("a.img", [1]);
        File.WriteAllBytes(s.MetadataFile("snapshot.json"), snapshot1);

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.VersionMismatch);
        result.Error.Message.ShouldBe("snapshot.json: holds version 1, but timestamp.json lists version 2 (mix-and-match?)");
    }
}
