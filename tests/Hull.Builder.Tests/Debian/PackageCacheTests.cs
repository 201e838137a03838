using System.Security.Cryptography;
using Hull.Builder.Debian;
using Hull.Builder.Tests.TestSupport;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Debian;

public sealed class PackageCacheTests : IDisposable
{
    private static readonly byte[] Content = "!<arch>\nnot really a deb, but bytes to hash\n"u8.ToArray();

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task VerifyAsync_MatchingFile_PassesAndKeepsTheFile()
    {
        var path = _temp.Write("p.deb", Content);

        await PackageCache.VerifyAsync(Locked(Content.Length, Sha(Content)), path, TestContext.Current.CancellationToken);

        File.ReadAllBytes(path).ShouldBe(Content);
    }

    [Fact]
    public async Task VerifyAsync_ShaDiffers_ThrowsNamingPackageAndDeletesFile()
    {
        var path = _temp.Write("p.deb", Content);
        var other = Sha("something else"u8.ToArray());

        var error = await Should.ThrowAsync<ToolException>(() =>
            PackageCache.VerifyAsync(Locked(Content.Length, other), path, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("'hull-fake'");
        error.Message.ShouldContain(other);
        error.Message.ShouldContain(Sha(Content));
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task VerifyAsync_SizeDiffers_ThrowsNamingPackageAndDeletesFile()
    {
        var path = _temp.Write("p.deb", Content);

        var error = await Should.ThrowAsync<ToolException>(() =>
            PackageCache.VerifyAsync(Locked(Content.Length + 1, Sha(Content)), path, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("'hull-fake'");
        error.Message.ShouldContain($"{Content.Length + 1} bytes");
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task GetAsync_CachedFileMatchesLock_ReturnsItWithoutDownloading()
    {
        var package = Locked(Content.Length, Sha(Content));
        var path = _temp.Write(Path.Combine("debs", package.FileName), Content);

        var got = await new PackageCache(_temp.Path).GetAsync(package, TestContext.Current.CancellationToken);

        got.ShouldBe(path);
    }

    [Fact]
    public async Task GetAsync_CachedFileTamperedWith_ThrowsAndDeletesIt()
    {
        var package = Locked(Content.Length, Sha(Content));
        var tampered = Content.ToArray();
        tampered[^2] ^= 1;
        var path = _temp.Write(Path.Combine("debs", package.FileName), tampered);

        var error = await Should.ThrowAsync<ToolException>(() => new PackageCache(_temp.Path).GetAsync(package, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("'hull-fake'");
        File.Exists(path).ShouldBeFalse();
    }

    private static LockedPackage Locked(long size, string sha) => new("hull-fake", "1.0-1", "amd64", size, sha, "bookworm");

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
