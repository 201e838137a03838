using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Root key rotation: clients follow N+1.root.json one version at a time, and recover from fast-forward attacks.</summary>
public sealed class TufRootRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_TwoRotationsReplacingEveryRootKey_FollowedToTheLatestRoot()
    {
        using var s = TufScenario.Create(rootKeys: 2, rootThreshold: 2);
        var (r0, r1) = (s.RootKeys[0], s.RootKeys[1]);
        var r2 = s.NewKey("root2");
        var r3 = s.NewKey("root3");
        var timestamp2 = s.NewKey("timestamp2");

        // v2: {r1, r2} threshold 2, signed by r0+r1 (old) and r1+r2 (new). v3: {r3} threshold 1, new timestamp key.
        s.Writer.RotateRoot(s.Policy with { Root = TufTestKeys.Policy(2, r1, r2) }, [r0, r1, r2]);
        var policy3 = s.Policy with { Root = TufTestKeys.Policy(1, r3), Timestamp = TufTestKeys.Policy(1, timestamp2) };
        s.Writer.RotateRoot(policy3, [r1, r2, r3]);
        s.Release("hull.img", [4, 2]);
        var client = s.Client();

        var result = await client.DownloadTargetAsync("hull.img", s.Download("hull.img"), Ct);

        result.Error.ShouldBeNull();
        client.TrustedRoot!.Version.ShouldBe(3);
        File.ReadAllBytes(Path.Combine(s.ClientDir, "root.json")).ShouldBe(File.ReadAllBytes(s.MetadataFile("3.root.json")));
    }

    [Fact]
    public void RotateRoot_WithoutAThresholdOfTheOldRootKeys_WriterRefuses()
    {
        using var s = TufScenario.Create(rootKeys: 2, rootThreshold: 2);
        var fresh = s.NewKey("fresh");

        var error = Should.Throw<InvalidOperationException>(() =>
            s.Writer.RotateRoot(s.Policy with { Root = TufTestKeys.Policy(1, fresh) }, [s.RootKeys[0], fresh]));

        error.Message.ShouldContain("root.json version 1, and its threshold is 2");
    }

    [Fact]
    public async Task Refresh_NewRootSignedOnlyByTheAttackersKey_ThresholdNotMet()
    {
        using var s = TufScenario.Create();
        var attacker = s.NewKey("attacker");
        var root = s.Writer.Root with
        {
            Version = 2,
            Keys = new Dictionary<string, TufKey> { [attacker.KeyId] = attacker.Key },
            Roles = s.Writer.Root.Roles.ToDictionary(r => r.Key, _ => new TufRoleKeys([attacker.KeyId], 1)),
        };
        File.WriteAllBytes(s.MetadataFile("2.root.json"), TufForge.Sign(root, attacker));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.ThresholdNotMet);
        result.Error.File.ShouldBe("2.root.json");
        result.Error.Message.ShouldContain("root keys of root.json version 1");
        File.ReadAllBytes(Path.Combine(s.ClientDir, "root.json")).ShouldBe(File.ReadAllBytes(s.MetadataFile("1.root.json")));
    }

    [Fact]
    public async Task Refresh_NewRootNotSignedByItsOwnKeys_ThresholdNotMet()
    {
        using var s = TufScenario.Create();
        var fresh = s.NewKey("fresh");
        var root = s.Writer.Root with
        {
            Version = 2,
            Keys = new Dictionary<string, TufKey>(s.Writer.Root.Keys) { [fresh.KeyId] = fresh.Key },
            Roles = new Dictionary<string, TufRoleKeys>(s.Writer.Root.Roles) { ["root"] = new([fresh.KeyId], 1) },
        };
        File.WriteAllBytes(s.MetadataFile("2.root.json"), TufForge.Sign(root, s.RootKeys[0]));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.ThresholdNotMet);
        result.Error.Message.ShouldContain("root keys of 2.root.json version 2");
    }

    [Fact]
    public async Task Refresh_NextRootFileHoldsAnotherVersion_Rollback()
    {
        using var s = TufScenario.Create();
        var root = s.Writer.Root with { Version = 3 };
        File.WriteAllBytes(s.MetadataFile("2.root.json"), TufForge.Sign(root, s.RootKeys[0]));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.Rollback);
        result.Error.Message.ShouldBe("2.root.json: holds version 3, expected exactly 2 (rollback?)");
    }

    [Fact]
    public async Task Refresh_FastForwardedTimestampThenTimestampKeyRotated_Recovers()
    {
        using var s = TufScenario.Create();
        s.Release("hull.img", [1]);
        (await s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();

        // The timestamp key leaks; the attacker fast-forwards the client to timestamp version 1000.
        var forged = s.Writer.Timestamp! with { Version = 1000 };
        File.WriteAllBytes(s.MetadataFile("timestamp.json"), TufForge.Sign(forged, s.TimestampKey));
        (await s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();

        // The repository's next honest timestamp (version 3) now looks like a rollback...
        s.Writer.SignTimestamp(s.AllKeys);
        var stuck = await s.Client().RefreshAsync(Ct);
        stuck.Error!.Kind.ShouldBe(TufErrorKind.Rollback);

        // ...until root rotates the timestamp key: the client then forgets the fast-forwarded timestamp (spec 5.3.11).
        var newTimestampKey = s.NewKey("timestamp-new");
        s.Writer.RotateRoot(s.Policy with { Timestamp = TufTestKeys.Policy(1, newTimestampKey) }, s.AllKeys);
        s.Writer.SignTimestamp([newTimestampKey]);
        var client = s.Client();

        var result = await client.DownloadTargetAsync("hull.img", s.Download("hull.img"), Ct);

        result.Error.ShouldBeNull();
        client.TrustedRoot!.Version.ShouldBe(2);
        client.TrustedTimestamp!.Version.ShouldBe(4);
    }
}
