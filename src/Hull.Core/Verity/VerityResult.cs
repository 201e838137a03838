namespace Hull.Verity;

/// <summary>What a hash tree build produced: everything the kernel table and the image metadata need.</summary>
public sealed record VerityResult
{
    /// <summary>The root digest (sha256 of salt and the top hash block).</summary>
    public required byte[] RootHash { get; init; }

    /// <summary>The root digest as lowercase hex, as veritysetup prints it.</summary>
    public required string RootHashHex { get; init; }

    /// <summary>The salt as lowercase hex, or <c>-</c> when empty (the kernel table's spelling of no salt).</summary>
    public required string SaltHex { get; init; }

    /// <summary>Number of data blocks covered by the tree.</summary>
    public required long DataBlocks { get; init; }

    /// <summary>Data block size in bytes.</summary>
    public required int DataBlockSize { get; init; }

    /// <summary>Hash block size in bytes.</summary>
    public required int HashBlockSize { get; init; }

    /// <summary>Number of tree levels; 0 when the data is a single block and the root hashes it directly.</summary>
    public required int Levels { get; init; }

    /// <summary>Byte offset of the hash area in the output: where the superblock is, or the first hash block without one.</summary>
    public required long HashOffsetBytes { get; init; }

    /// <summary>Whether a superblock was written at <see cref="HashOffsetBytes"/>.</summary>
    public required bool HasSuperblock { get; init; }

    /// <summary>
    /// The kernel table's hash_start_block: the first tree block, in hash-block units from the start
    /// of the hash device. The kernel does not read the superblock, so this skips past it.
    /// </summary>
    public required long HashStartBlock { get; init; }

    /// <summary>Bytes written at <see cref="HashOffsetBytes"/> (superblock block plus tree).</summary>
    public required long BytesWritten { get; init; }
}
