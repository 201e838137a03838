using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Rollback: metadata older than what the client already trusts.</summary>
public sealed class TufRollbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_OlderTimestampReplayed_Rollback()
    {
        using var s = TufScenario.Create();
        s.Release("a.img", [1]);
        var version2 = File.ReadAllBytes(s.MetadataFile("timestamp.json"));
        s.Release("b.img", [2]);
        (await s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();
        File.WriteAllBytes(s.MetadataFile("timestamp.json"), version2);

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.Rollback);
        result.Error.File.ShouldBe("timestamp.json");
        result.Error.Message.ShouldContain("version 2 is older than the trusted version 3");
    }

    [Fact]
    public async Task Refresh_TimestampListsOlderSnapshot_Rollback()
    {
        using var s = TufScenario.Create();
        s.Release("a.img", [1]);
        var snapshot2 = File.ReadAllBytes(s.MetadataFile("2.snapshot.json"));
        s.Release("b.img", [2]);
        (await s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();

        // An attacker with the timestamp key points a newer timestamp at the older snapshot.
        var forged = s.Writer.Timestamp! with
        {
            Version = 4,
            Meta = new Dictionary<string, TufMetaFile> { ["snapshot.json"] = TufForge.Meta(2, snapshot2) },
        };
        File.WriteAllBytes(s.MetadataFile("timestamp.json"), TufForge.Sign(forged, s.TimestampKey));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.Rollback);
        result.Error.File.ShouldBe("timestamp.json");
        result.Error.Message.ShouldContain("snapshot.json version 2, older than version 3");
    }

    [Fact]
    public async Task Refresh_SnapshotListsOlderTargets_Rollback()
    {
        using var s = TufScenario.Create();
        s.Release("a.img", [1]);
        var targets2 = File.ReadAllBytes(s.MetadataFile("2.targets.json"));
        s.Release("b.img", [2]);
        (await s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();

        // An attacker with the snapshot and timestamp keys serves a new snapshot that lists targets version 2 again.
        var snapshot = s.Writer.Snapshot! with
        {
            Version = 4,
            Meta = new Dictionary<string, TufMetaFile> { ["targets.json"] = TufForge.Meta(2, targets2) },
        };
        TufForge.PublishSnapshot(s, snapshot, TufForge.Sign(snapshot, s.SnapshotKey));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.Rollback);
        result.Error.File.ShouldBe("4.snapshot.json");
        result.Error.Message.ShouldContain("targets.json version 2, older than version 3");
    }
}
