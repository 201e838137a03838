namespace Hull.Verity;

/// <summary>
/// The shape of a hash tree: how many levels, how many hash blocks each holds, and where each
/// level sits in the hash area.
/// </summary>
/// <remarks>
/// Level 0 hashes the data blocks; level i+1 hashes the blocks of level i; the top level is one
/// block. A single data block needs no level at all (the root hashes it). Levels are stored top
/// first, which is how veritysetup lays them out and what the kernel expects
/// (https://gitlab.com/cryptsetup/cryptsetup/-/wikis/DMVerity).
/// </remarks>
internal sealed class VerityLayout
{
    private readonly long[] _levelBlocks;
    private readonly long[] _levelStart;

    private VerityLayout(long[] levelBlocks, long[] levelStart, long totalBlocks)
    {
        _levelBlocks = levelBlocks;
        _levelStart = levelStart;
        TotalHashBlocks = totalBlocks;
    }

    /// <summary>Number of levels (0 for a single data block).</summary>
    public int Levels => _levelBlocks.Length;

    /// <summary>Hash blocks in the whole tree, superblock not counted.</summary>
    public long TotalHashBlocks { get; }

    /// <summary>Hash blocks in <paramref name="level"/> (0 = the level hashing data blocks).</summary>
    public long BlocksIn(int level) => _levelBlocks[level];

    /// <summary>Index of the first block of <paramref name="level"/>, counted from the first tree block.</summary>
    public long StartOf(int level) => _levelStart[level];

    /// <summary>Computes the layout for <paramref name="dataBlocks"/> blocks with <paramref name="hashesPerBlock"/> digests per hash block.</summary>
    public static VerityLayout Compute(long dataBlocks, int hashesPerBlock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dataBlocks, 1);
        var bits = System.Numerics.BitOperations.Log2((uint)hashesPerBlock);

        var levels = 0;
        while (bits * levels < 64 && ((dataBlocks - 1) >> (bits * levels)) != 0)
        {
            levels++;
        }

        var blocks = new long[levels];
        var start = new long[levels];
        long position = 0;
        for (var i = levels - 1; i >= 0; i--)
        {
            var shift = bits * (i + 1);
            blocks[i] = shift >= 63 ? 1 : (dataBlocks + (1L << shift) - 1) >> shift;
            start[i] = position;
            position += blocks[i];
        }

        return new VerityLayout(blocks, start, position);
    }
}
