using System.Security.Cryptography;

namespace Hull.Verity;

/// <summary>
/// sha256(salt || block), the digest of hash format type 1 (type 0, Chrome OS's, puts the salt
/// after the block; Hull never uses it). See https://docs.kernel.org/admin-guide/device-mapper/verity.html.
/// </summary>
/// <remarks>
/// Salt and block are copied into one scratch buffer so each digest is a single one-shot
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> call: a 4 KiB copy costs less
/// than the extra native calls an incremental hash makes per block.
/// </remarks>
internal sealed class SaltedSha256
{
    public const int DigestSize = SHA256.HashSizeInBytes;

    private readonly byte[] _scratch;
    private readonly int _saltLength;

    public SaltedSha256(ReadOnlySpan<byte> salt, int maxBlockSize)
    {
        _saltLength = salt.Length;
        _scratch = new byte[salt.Length + maxBlockSize];
        salt.CopyTo(_scratch);
    }

    /// <summary>Writes sha256(salt || <paramref name="block"/>) to <paramref name="digest"/>.</summary>
    public void Hash(ReadOnlySpan<byte> block, Span<byte> digest)
    {
        block.CopyTo(_scratch.AsSpan(_saltLength));
        SHA256.HashData(_scratch.AsSpan(0, _saltLength + block.Length), digest);
    }

    /// <summary>
    /// Hashes each <paramref name="blockSize"/> block of <paramref name="blocks"/> and stores the
    /// digests back to back in <paramref name="digests"/>.
    /// </summary>
    public void HashBlocks(ReadOnlySpan<byte> blocks, int blockSize, Span<byte> digests)
    {
        var count = blocks.Length / blockSize;
        for (var i = 0; i < count; i++)
        {
            Hash(blocks.Slice(i * blockSize, blockSize), digests.Slice(i * DigestSize, DigestSize));
        }
    }
}
