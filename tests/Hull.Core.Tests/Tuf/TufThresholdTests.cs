using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Key compromise below threshold: one stolen key of two signs nothing clients accept, however often it signs.</summary>
public sealed class TufThresholdTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_TargetsSignedByOneOfTwoRequiredKeys_ThresholdNotMet()
    {
        using var s = TufScenario.Create(targetsKeys: 2, targetsThreshold: 2);
        s.Release("hull.img", [1]);
        var forged = EvilTargets(s);
        TufForge.PublishTargets(s, 3, TufForge.Sign(forged, s.TargetsKeys[0]));

        var result = await s.Client().DownloadTargetAsync("evil.img", s.Download("evil.img"), Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.ThresholdNotMet);
        result.Error.File.ShouldBe("3.targets.json");
        result.Error.Message.ShouldContain("1 valid signature(s) from distinct targets keys");
        result.Error.Message.ShouldContain("2 required");
    }

    [Fact]
    public async Task Refresh_SameKeySignatureListedTwice_CountedOnce()
    {
        using var s = TufScenario.Create(targetsKeys: 2, targetsThreshold: 2);
        s.Release("hull.img", [1]);
        var file = TufForge.DuplicateFirstSignature(TufForge.Sign(EvilTargets(s), s.TargetsKeys[0]));
        TufForge.PublishTargets(s, 3, file);

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.ThresholdNotMet);
        result.Error.File.ShouldBe("3.targets.json");
        result.Error.Message.ShouldContain("1 valid signature(s)");
    }

    [Fact]
    public async Task Refresh_BothTargetsKeysSigned_Accepted()
    {
        using var s = TufScenario.Create(targetsKeys: 2, targetsThreshold: 2);
        s.Release("hull.img", [1]);
        TufForge.PublishTargets(s, 3, TufForge.Sign(EvilTargets(s), [.. s.TargetsKeys]));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error.ShouldBeNull();
        result.Value.Targets.ShouldContainKey("evil.img");
    }

    [Fact]
    public void SignTargets_FewerSignersThanThreshold_WriterRefuses()
    {
        using var s = TufScenario.Create(targetsKeys: 2, targetsThreshold: 2);

        var error = Should.Throw<InvalidOperationException>(() => s.Writer.SignTargets([s.TargetsKeys[1], s.SnapshotKey]));

        error.Message.ShouldBe("targets.json: 1 of the signing keys given are targets keys in root.json, and its threshold is 2");
    }

    private static TufTargets EvilTargets(TufScenario s) => s.Writer.Targets! with
    {
        Version = 3,
        Targets = new Dictionary<string, TufTargetFile>(s.Writer.Targets!.Targets)
        {
            ["evil.img"] = new(3, new Dictionary<string, string> { ["sha256"] = new string('0', 64) }),
        },
    };
}
