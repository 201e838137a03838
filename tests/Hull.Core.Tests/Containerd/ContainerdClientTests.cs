using System.Security.Cryptography;
using System.Text;
using Hull.Containerd;

namespace Hull.Core.Tests.Containerd;

/// <summary>The content calls against a real containerd, under a lease so the collector leaves the test's blobs alone.</summary>
public sealed class ContainerdClientTests(ImporterFixture containerd) : IClassFixture<ImporterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteContentAsync_NewBlob_WrittenWithItsLabels()
    {
        var (digest, bytes) = Blob("written");
        var leased = await LeasedAsync();

        var result = await leased.WriteContentAsync($"test-{digest}", digest, bytes.Length, new MemoryStream(bytes), new Dictionary<string, string> { ["hull.test/label"] = "yes" }, Ct);

        result.Outcome.ShouldBe(ContentWriteOutcome.Written);
        var info = (await leased.ContentInfoAsync(digest, Ct)).ShouldNotBeNull();
        info.Size.ShouldBe(bytes.Length);
        info.Labels["hull.test/label"].ShouldBe("yes");
    }

    [Fact]
    public async Task WriteContentAsync_SameBlobAgain_AlreadyExistsAndNothingRead()
    {
        var (digest, bytes) = Blob("twice");
        var leased = await LeasedAsync();
        await leased.WriteContentAsync($"test-{digest}", digest, bytes.Length, new MemoryStream(bytes), null, Ct);
        var again = new MemoryStream(bytes);

        var result = await leased.WriteContentAsync($"test-{digest}", digest, bytes.Length, again, null, Ct);

        result.Outcome.ShouldBe(ContentWriteOutcome.AlreadyExists);
        again.Position.ShouldBe(0);
    }

    [Fact]
    public async Task WriteContentAsync_BytesOfAnotherBlob_MismatchAndNothingCommitted()
    {
        var (digest, bytes) = Blob("expected");
        var (otherDigest, other) = Blob("other!!!");
        var leased = await LeasedAsync();

        var result = await leased.WriteContentAsync($"test-{digest}", digest, bytes.Length, new MemoryStream(other), null, Ct);

        result.ShouldBe(new ContentWriteResult(ContentWriteOutcome.Mismatch, otherDigest, other.Length));
        (await leased.ContentInfoAsync(digest, Ct)).ShouldBeNull();
        (await leased.ContentInfoAsync(otherDigest, Ct)).ShouldBeNull();
        // The aborted session is gone: the right bytes go in under the same session name.
        (await leased.WriteContentAsync($"test-{digest}", digest, bytes.Length, new MemoryStream(bytes), null, Ct)).Outcome.ShouldBe(ContentWriteOutcome.Written);
    }

    [Fact]
    public async Task SetContentLabelsAsync_OneLabel_OthersKept()
    {
        var (digest, bytes) = Blob("labelled");
        var leased = await LeasedAsync();
        await leased.WriteContentAsync($"test-{digest}", digest, bytes.Length, new MemoryStream(bytes), new Dictionary<string, string> { ["hull.test/a"] = "1" }, Ct);

        var info = await leased.SetContentLabelsAsync(digest, new Dictionary<string, string> { ["hull.test/b"] = "2" }, Ct);

        info.Labels["hull.test/a"].ShouldBe("1");
        info.Labels["hull.test/b"].ShouldBe("2");
    }

    [Fact]
    public async Task DeleteContentAsync_WrittenBlob_Gone()
    {
        var (digest, bytes) = Blob("deleted");
        var leased = await LeasedAsync();
        await leased.WriteContentAsync($"test-{digest}", digest, bytes.Length, new MemoryStream(bytes), null, Ct);

        await leased.DeleteContentAsync(digest, Ct);

        (await leased.ContentInfoAsync(digest, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task GetImageAndStatSnapshot_Missing_AreNull()
    {
        (await containerd.Containerd.GetImageAsync("hull.test/none:1", Ct)).ShouldBeNull();
        (await containerd.Containerd.StatSnapshotAsync(containerd.Snapshotter, "sha256:none", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteImageAsync_Missing_NotFoundNamingTheImage()
    {
        var error = await Should.ThrowAsync<ContainerdException>(() => containerd.Containerd.DeleteImageAsync("hull.test/none:1", false, Ct));

        error.Kind.ShouldBe(ContainerdErrorKind.NotFound);
        error.Message.ShouldStartWith("containerd Images.Delete image hull.test/none:1: ");
    }

    [Fact]
    public async Task ContentInfoAsync_NoContainerd_UnavailableNamingTheSocket()
    {
        using var temp = new TempDirectory();
        using var client = new ContainerdClient(ContainerdClientOptions.For(temp.File("containerd.sock")));

        var error = await Should.ThrowAsync<ContainerdException>(() => client.ContentInfoAsync($"sha256:{new string('0', 64)}", Ct));

        error.Kind.ShouldBe(ContainerdErrorKind.Unavailable);
        error.Message.ShouldContain($"there is no containerd socket at {temp.File("containerd.sock")}");
    }

    private async Task<ContainerdClient> LeasedAsync()
    {
        var id = $"test-{Guid.NewGuid():N}";
        await containerd.Containerd.CreateLeaseAsync(id, DateTimeOffset.UtcNow.AddHours(1), Ct);
        return containerd.Containerd.WithLease(id);
    }

    private static (string Digest, byte[] Bytes) Blob(string text)
    {
        var bytes = Encoding.UTF8.GetBytes($"{text} {Guid.NewGuid()}");
        return ($"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}", bytes);
    }
}
