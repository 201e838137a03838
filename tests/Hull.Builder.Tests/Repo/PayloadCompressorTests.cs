using System.Security.Cryptography;
using Hull.Builder.Repo;
using ZstdSharp;

namespace Hull.Builder.Tests.Repo;

public sealed class PayloadCompressorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3 << 20)]
    public async Task CompressAsync_AnyFile_TheZstdToolGivesTheInputBack(int length)
    {
        var input = Input(length);
        var source = _temp.Write("payload", input);
        var compressed = _temp.File("payload.zst");

        var result = await PayloadCompressor.CompressAsync(source, compressed, PayloadCompressor.DefaultLevel, Ct);

        result.Bytes.ShouldBe(length);
        result.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(input)));
        result.CompressedBytes.ShouldBe(new FileInfo(compressed).Length);
        ExternalTool.RunChecked("zstd", "-q", "-t", compressed);
        ExternalTool.RunChecked("zstd", "-q", "-d", compressed, "-o", _temp.File("back"));
        File.ReadAllBytes(_temp.File("back")).ShouldBe(input);
    }

    [Fact]
    public async Task CompressAsync_CompressibleInput_OneFrameWithAChecksumAndAnEightMibWindow()
    {
        var source = _temp.Write("payload", Input(3 << 20));
        var compressed = _temp.File("payload.zst");

        var result = await PayloadCompressor.CompressAsync(source, compressed, PayloadCompressor.DefaultLevel, Ct);

        result.Ratio.ShouldBeLessThan(0.75);
        var listing = ExternalTool.RunChecked("zstd", "-l", "-v", compressed).Stdout;
        listing.ShouldContain("# Zstandard Frames: 1");
        listing.ShouldContain("Check: XXH64");
        listing.ShouldContain("Window Size: 8.00 MiB");
    }

    [Fact]
    public async Task CompressAsync_AnyFile_ZstdSharpStreamDecompressesItToo()
    {
        var input = Input(1 << 20);
        var source = _temp.Write("payload", input);
        var compressed = _temp.File("payload.zst");
        await PayloadCompressor.CompressAsync(source, compressed, 3, Ct);

        await using var stream = new DecompressionStream(File.OpenRead(compressed));
        using var back = new MemoryStream();
        await stream.CopyToAsync(back, Ct);

        back.ToArray().ShouldBe(input);
    }

    // Half noise, half text-like runs: compressible, but not trivially.
    private static byte[] Input(int length)
    {
        var bytes = new byte[length];
        var random = new Random(length);
        for (var i = 0; i < length; i++)
        {
            bytes[i] = i / 512 % 2 == 0 ? (byte)random.Next(256) : (byte)"hull update payload "[i % 20];
        }

        return bytes;
    }
}
