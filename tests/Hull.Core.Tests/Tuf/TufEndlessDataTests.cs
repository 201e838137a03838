using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Endless data: no download is read past its listed length or the client's limit.</summary>
public sealed class TufEndlessDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("metadata/2.root.json", "2.root.json", 512_000)]
    [InlineData("metadata/timestamp.json", "timestamp.json", 16_384)]
    [InlineData("metadata/2.snapshot.json", "2.snapshot.json", 0)]
    [InlineData("metadata/2.targets.json", "2.targets.json", 0)]
    [InlineData("targets/", "hull.img", 100_000)]
    public async Task DownloadTarget_EndlessStream_TooLargeAndReadingStops(string path, string file, long limit)
    {
        using var s = TufScenario.Create();
        s.Release("hull.img", TufScenario.Image(100_000, 5));
        var endless = new EndlessStream();
        var transport = new TamperingTransport(new DirectoryTufTransport(s.RepoDir), p => p.StartsWith(path, StringComparison.Ordinal) ? endless : null);

        var result = await s.Client(transport).DownloadTargetAsync("hull.img", s.Download("hull.img"), Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.TooLarge);
        result.Error.File.ShouldBe(file);
        result.Error.Message.ShouldStartWith($"{file}: ");
        // Snapshot and targets are bounded by the lengths their referrers list, which are small here.
        endless.BytesRead.ShouldBeLessThanOrEqualTo(Math.Max(limit, 10_000) + (256 * 1024));
    }

    [Fact]
    public async Task Refresh_OversizedTimestampFile_TooLarge()
    {
        using var s = TufScenario.Create();
        File.WriteAllText(s.MetadataFile("timestamp.json"), new string(' ', 20_000) + File.ReadAllText(s.MetadataFile("timestamp.json")));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.TooLarge);
        result.Error.Message.ShouldBe("timestamp.json: more than the 16384 bytes the client's timestamp limit allows (endless data?)");
    }

    [Fact]
    public async Task Refresh_SnapshotLargerThanTimestampSays_TooLarge()
    {
        using var s = TufScenario.Create();
        var path = s.MetadataFile("1.snapshot.json");
        File.WriteAllText(path, File.ReadAllText(path) + new string(' ', 10));

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.TooLarge);
        result.Error.File.ShouldBe("1.snapshot.json");
        result.Error.Message.ShouldContain("timestamp.json's length");
    }
}
