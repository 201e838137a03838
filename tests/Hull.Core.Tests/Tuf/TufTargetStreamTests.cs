using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Streaming a target without a copy on disk: the verdict falls at the end, and nothing passes the listed length.</summary>
public sealed class TufTargetStreamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenTarget_PublishedTarget_StreamsTheBytesAndIsVerifiedAtTheEnd()
    {
        using var s = TufScenario.Create();
        var image = TufScenario.Image(500_000, 4);
        s.Release("v2/root.img.zst", image);

        var opened = await s.Client().OpenTargetAsync("v2/root.img.zst", Ct);

        opened.Error.ShouldBeNull();
        await using var stream = opened.Value;
        using var copy = new MemoryStream();
        stream.Verified.ShouldBeFalse();
        await stream.CopyToAsync(copy, Ct);
        copy.ToArray().ShouldBe(image);
        stream.Verified.ShouldBeTrue();
        (await stream.CompleteAsync(Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task OpenTarget_BytesReplacedAfterSigning_LastReadThrowsHashMismatch()
    {
        using var s = TufScenario.Create();
        var image = TufScenario.Image(300_000, 5);
        s.Release("v2/root.img.zst", image);
        var tampered = (byte[])image.Clone();
        tampered[^1] ^= 0xff;
        File.WriteAllBytes(s.StoredTargetFile("v2/root.img.zst"), tampered);
        await using var stream = (await s.Client().OpenTargetAsync("v2/root.img.zst", Ct)).Value;

        var thrown = await Should.ThrowAsync<TufTargetException>(() => stream.CopyToAsync(Stream.Null, Ct));

        thrown.Error.Kind.ShouldBe(TufErrorKind.HashMismatch);
        thrown.Error.File.ShouldBe("v2/root.img.zst");
        stream.Verified.ShouldBeFalse();
        stream.Error.ShouldBe(thrown.Error);
        (await stream.CompleteAsync(Ct)).ShouldBe(thrown.Error);
    }

    [Fact]
    public async Task OpenTarget_EndlessMirror_ReadsOneBytePastTheLengthThenTooLarge()
    {
        using var s = TufScenario.Create();
        var entry = s.Release("v2/root.img.zst", TufScenario.Image(100_000, 6));
        var endless = new EndlessStream();
        var transport = new TamperingTransport(new DirectoryTufTransport(s.RepoDir), path => path.StartsWith("targets/", StringComparison.Ordinal) ? endless : null);
        await using var stream = (await s.Client(transport).OpenTargetAsync("v2/root.img.zst", Ct)).Value;

        var error = await stream.CompleteAsync(Ct);

        error!.Kind.ShouldBe(TufErrorKind.TooLarge);
        error.Message.ShouldBe($"v2/root.img.zst: targets/v2/{entry.Sha256}.root.img.zst has more than the 100000 bytes 2.targets.json lists (endless data?)");
        stream.BytesRead.ShouldBe(100_001);
    }

    [Fact]
    public async Task OpenTarget_ShortFile_LengthMismatchAtTheEnd()
    {
        using var s = TufScenario.Create();
        var image = TufScenario.Image(10_000, 7);
        s.Release("uki.efi.zst", image);
        File.WriteAllBytes(s.StoredTargetFile("uki.efi.zst"), image[..9_000]);
        await using var stream = (await s.Client().OpenTargetAsync("uki.efi.zst", Ct)).Value;

        var error = await stream.CompleteAsync(Ct);

        error!.Kind.ShouldBe(TufErrorKind.LengthMismatch);
        error.File.ShouldBe("uki.efi.zst");
    }

    [Fact]
    public async Task OpenTarget_NotListed_TargetNotFoundBeforeAnyByteIsFetched()
    {
        using var s = TufScenario.Create();
        s.Release("a.img", [1]);
        var transport = new TamperingTransport(new DirectoryTufTransport(s.RepoDir), _ => null);

        var opened = await s.Client(transport).OpenTargetAsync("b.img", Ct);

        opened.Error!.Kind.ShouldBe(TufErrorKind.TargetNotFound);
        transport.Requests.ShouldNotContain(r => r.StartsWith("targets/", StringComparison.Ordinal));
    }
}
