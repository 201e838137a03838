using System.Text;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Arbitrary installation, malicious mirrors and extraneous dependencies: files the repository never signed for.</summary>
public sealed class TufArbitrarySoftwareTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DownloadTarget_TargetBytesReplaced_HashMismatchAndNothingWritten()
    {
        using var s = TufScenario.Create();
        var image = TufScenario.Image(50_000, 3);
        s.Release("hull.img", image);
        var evil = image.ToArray();
        evil[^1] ^= 0xff;
        File.WriteAllBytes(s.StoredTargetFile("hull.img"), evil);

        var result = await s.Client().DownloadTargetAsync("hull.img", s.Download("hull.img"), Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.HashMismatch);
        result.Error.File.ShouldBe("hull.img");
        result.Error.Message.ShouldStartWith("hull.img: ");
        result.Error.Message.ShouldContain("sha256");
        Directory.GetFiles(Path.GetDirectoryName(s.Download("x"))!).ShouldBeEmpty();
    }

    [Fact]
    public async Task DownloadTarget_TargetTruncated_LengthMismatch()
    {
        using var s = TufScenario.Create();
        s.Release("hull.img", TufScenario.Image(10_000, 4));
        File.WriteAllBytes(s.StoredTargetFile("hull.img"), TufScenario.Image(10_000, 4)[..9_000]);

        var result = await s.Client().DownloadTargetAsync("hull.img", s.Download("hull.img"), Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.LengthMismatch);
        result.Error.Message.ShouldStartWith("hull.img: ");
    }

    [Fact]
    public async Task Refresh_TimestampSignedByAStrangersKey_ThresholdNotMet()
    {
        using var s = TufScenario.Create();
        var stranger = s.NewKey("stranger");
        var forged = s.Writer.Timestamp! with { Version = 2 };
        File.WriteAllBytes(s.MetadataFile("timestamp.json"), TufForge.Sign(forged, stranger));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.ThresholdNotMet);
        result.Error.File.ShouldBe("timestamp.json");
        result.Error.Message.ShouldContain("0 valid signature(s)");
    }

    [Fact]
    public async Task DownloadTarget_FileInRepositoryButNotListed_TargetNotFound()
    {
        using var s = TufScenario.Create();
        s.Release("hull.img", [1]);
        File.WriteAllBytes(Path.Combine(s.RepoDir, "targets", "evil.img"), [6, 6, 6]);
        var transport = new TamperingTransport(new DirectoryTufTransport(s.RepoDir), _ => null);

        var result = await s.Client(transport).DownloadTargetAsync("evil.img", s.Download("evil.img"), Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.TargetNotFound);
        result.Error.File.ShouldBe("evil.img");
        result.Error.Message.ShouldContain("targets.json");
        transport.Requests.ShouldNotContain(path => path.StartsWith("targets/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refresh_MaliciousMirrorReplacesSnapshot_RefusedAndAGoodMirrorStillUpdates()
    {
        using var s = TufScenario.Create();
        s.Release("hull.img", [1, 2, 3]);
        var good = new DirectoryTufTransport(s.RepoDir);
        // The mirror serves 2.snapshot.json with its versions (its own and targets.json's) changed from 2 to 9:
        // same length, still valid JSON, signatures untouched.
        var tampered = File.ReadAllText(s.MetadataFile("2.snapshot.json"));
        tampered = tampered.Replace("\"version\": 2,", "\"version\": 9,", StringComparison.Ordinal);
        var mirror = new TamperingTransport(good, path => path == "metadata/2.snapshot.json"
            ? new MemoryStream(Encoding.UTF8.GetBytes(tampered))
            : null);

        var refused = await s.Client(mirror).RefreshAsync(Ct);

        refused.Error!.Kind.ShouldBe(TufErrorKind.HashMismatch);
        refused.Error.File.ShouldBe("2.snapshot.json");
        refused.Error.Message.ShouldContain("timestamp.json");
        File.Exists(Path.Combine(s.ClientDir, "snapshot.json")).ShouldBeFalse();

        var result = await s.Client(good).DownloadTargetAsync("hull.img", s.Download("hull.img"), Ct);

        result.Error.ShouldBeNull();
        File.ReadAllBytes(s.Download("hull.img")).ShouldBe([1, 2, 3]);
    }
}
