using System.Numerics;

namespace Hull.Verity;

/// <summary>
/// Builds a dm-verity hash tree the way <c>veritysetup format</c> does with its defaults
/// (format type 1, sha256), byte for byte, so the kernel and veritysetup both accept it.
/// </summary>
/// <remarks>
/// Facts relied on (https://docs.kernel.org/admin-guide/device-mapper/verity.html,
/// https://gitlab.com/cryptsetup/cryptsetup/-/wikis/DMVerity): every data block is hashed as
/// sha256(salt || block); a hash block holds hash_block_size / 32 digests back to back, the unused
/// tail zeroed; each level hashes the blocks of the level below until one block remains, and the
/// root digest hashes that block. Levels are stored top first, after the optional superblock,
/// which takes a whole hash block.
/// The data is streamed; the tree (about 1/128 of the data) is kept in memory because the top
/// level, written first, is known last.
/// </remarks>
public static class VerityHashTree
{
    /// <summary>The only hash algorithm Hull uses, spelled as the kernel table and superblock spell it.</summary>
    public const string Algorithm = "sha256";

    // Large sequential reads; a whole number of blocks for every allowed block size.
    private const int ReadChunkBytes = 1 << 20;

    /// <summary>
    /// Appends the hash area (superblock and tree) to the end of <paramref name="imagePath"/>, whose
    /// whole current content is the data. The hash offset is the data size.
    /// </summary>
    public static VerityResult AppendTo(string imagePath, VerityParameters parameters)
    {
        using var file = new FileStream(imagePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        var length = file.Length;
        return Build(file, length, file, length, parameters);
    }

    /// <summary>Hashes the file at <paramref name="dataPath"/> and writes the hash area to <paramref name="hashOutput"/> at <paramref name="hashOffset"/>.</summary>
    public static VerityResult Build(string dataPath, Stream hashOutput, long hashOffset, VerityParameters parameters)
    {
        using var data = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return Build(data, data.Length, hashOutput, hashOffset, parameters);
    }

    /// <summary>
    /// Hashes <paramref name="dataLength"/> bytes read from the current position of
    /// <paramref name="data"/>, then writes the hash area to <paramref name="hashOutput"/> (which
    /// must be seekable) at <paramref name="hashOffset"/>. Both may be the same stream: all data is
    /// read before anything is written.
    /// </summary>
    public static VerityResult Build(Stream data, long dataLength, Stream hashOutput, long hashOffset, VerityParameters parameters)
    {
        Validate(dataLength, hashOffset, parameters);

        var dataBlockSize = parameters.DataBlockSize;
        var hashBlockSize = parameters.HashBlockSize;
        var dataBlocks = dataLength / dataBlockSize;
        var layout = VerityLayout.Compute(dataBlocks, hashBlockSize / SaltedSha256.DigestSize);
        var hasher = new SaltedSha256(parameters.Salt, Math.Max(dataBlockSize, hashBlockSize));

        var root = new byte[SaltedSha256.DigestSize];
        var levels = new byte[layout.Levels][];
        if (layout.Levels == 0)
        {
            // One data block: the root digest is that block's digest, and the tree is empty.
            var block = new byte[dataBlockSize];
            data.ReadExactly(block);
            hasher.Hash(block, root);
        }
        else
        {
            levels[0] = NewLevel(layout.BlocksIn(0), hashBlockSize);
            HashData(data, dataLength, dataBlockSize, hasher, levels[0]);
            for (var i = 1; i < layout.Levels; i++)
            {
                levels[i] = NewLevel(layout.BlocksIn(i), hashBlockSize);
                hasher.HashBlocks(levels[i - 1], hashBlockSize, levels[i]);
            }

            hasher.Hash(levels[^1], root);
        }

        hashOutput.Seek(hashOffset, SeekOrigin.Begin);
        long written = 0;
        if (parameters.WriteSuperblock)
        {
            // The superblock is 512 bytes but owns a whole hash block; the rest is zeroed so the
            // output does not depend on what the file held before.
            var block = new byte[hashBlockSize];
            VeritySuperblock.Write(block, parameters, dataBlocks);
            hashOutput.Write(block);
            written += block.Length;
        }

        for (var i = layout.Levels - 1; i >= 0; i--)
        {
            hashOutput.Write(levels[i]);
            written += levels[i].Length;
        }

        hashOutput.Flush();

        return new VerityResult
        {
            RootHash = root,
            RootHashHex = Convert.ToHexStringLower(root),
            SaltHex = parameters.Salt.Length == 0 ? "-" : Convert.ToHexStringLower(parameters.Salt),
            DataBlocks = dataBlocks,
            DataBlockSize = dataBlockSize,
            HashBlockSize = hashBlockSize,
            Levels = layout.Levels,
            HashOffsetBytes = hashOffset,
            HasSuperblock = parameters.WriteSuperblock,
            HashStartBlock = (hashOffset / hashBlockSize) + (parameters.WriteSuperblock ? 1 : 0),
            BytesWritten = written,
        };
    }

    private static void HashData(Stream data, long dataLength, int dataBlockSize, SaltedSha256 hasher, byte[] level0)
    {
        var buffer = new byte[(int)Math.Min(ReadChunkBytes, dataLength)];
        long digestOffset = 0;
        var remaining = dataLength;
        while (remaining > 0)
        {
            var chunk = (int)Math.Min(buffer.Length, remaining);
            data.ReadExactly(buffer, 0, chunk);
            var digestBytes = chunk / dataBlockSize * SaltedSha256.DigestSize;
            hasher.HashBlocks(buffer.AsSpan(0, chunk), dataBlockSize, level0.AsSpan((int)digestOffset, digestBytes));
            digestOffset += digestBytes;
            remaining -= chunk;
        }
    }

    private static byte[] NewLevel(long blocks, int hashBlockSize)
    {
        var bytes = blocks * hashBlockSize;
        if (bytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(blocks), $"a hash tree level of {bytes} bytes does not fit in memory; the data is too large");
        }

        return new byte[bytes];
    }

    private static void Validate(long dataLength, long hashOffset, VerityParameters parameters)
    {
        ValidateBlockSize(parameters.DataBlockSize, nameof(parameters.DataBlockSize));
        ValidateBlockSize(parameters.HashBlockSize, nameof(parameters.HashBlockSize));
        if (dataLength <= 0 || dataLength % parameters.DataBlockSize != 0)
        {
            throw new ArgumentException($"data length {dataLength} is not a positive multiple of the data block size {parameters.DataBlockSize}", nameof(dataLength));
        }

        // The kernel table addresses the tree in hash blocks, so the hash area must start on one.
        if (hashOffset < 0 || hashOffset % parameters.HashBlockSize != 0)
        {
            throw new ArgumentException($"hash offset {hashOffset} is not a non-negative multiple of the hash block size {parameters.HashBlockSize}", nameof(hashOffset));
        }

        if (parameters.Salt.Length > VeritySuperblock.MaxSaltSize)
        {
            throw new ArgumentException($"salt of {parameters.Salt.Length} bytes is longer than the {VeritySuperblock.MaxSaltSize} the superblock holds", nameof(parameters));
        }
    }

    private static void ValidateBlockSize(int size, string name)
    {
        if (size < 512 || size > 65536 || !BitOperations.IsPow2(size))
        {
            throw new ArgumentException($"{name} {size} is not a power of two between 512 and 65536", name);
        }
    }
}
