using System.Security.Cryptography;

namespace Hull.Core.Tests.Verity;

/// <summary>Seeded random files and byte-exact comparison for the verity tests.</summary>
internal static class TestData
{
    public static void WriteRandomFile(string path, long length, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        using var file = File.Create(path);
        for (var remaining = length; remaining > 0;)
        {
            var chunk = (int)Math.Min(buffer.Length, remaining);
            random.NextBytes(buffer.AsSpan(0, chunk));
            file.Write(buffer, 0, chunk);
            remaining -= chunk;
        }
    }

    /// <summary>Asserts the two files are identical, naming the first differing offset if not.</summary>
    public static void ShouldBeSameFile(string actualPath, string expectedPath)
    {
        var actual = File.ReadAllBytes(actualPath);
        var expected = File.ReadAllBytes(expectedPath);
        actual.Length.ShouldBe(expected.Length, $"length of {actualPath}");
        var mismatch = actual.AsSpan().CommonPrefixLength(expected);
        (mismatch == actual.Length).ShouldBeTrue($"{actualPath} differs from {expectedPath} at offset {mismatch}");
    }

    public static byte[] Salt(int seed, int length)
    {
        var salt = new byte[length];
        new Random(seed).NextBytes(salt);
        return salt;
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
