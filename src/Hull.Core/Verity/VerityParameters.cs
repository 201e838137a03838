namespace Hull.Verity;

/// <summary>
/// The choices <c>veritysetup format</c> makes: salt, UUID, block sizes and whether a superblock
/// precedes the hash area. The hash algorithm is always sha256 and the format type always 1.
/// </summary>
public sealed record VerityParameters
{
    /// <summary>Default data and hash block size, as veritysetup uses.</summary>
    public const int DefaultBlockSize = 4096;

    /// <summary>The salt hashed in front of every block; may be empty, at most 256 bytes (the superblock's salt field).</summary>
    public required byte[] Salt { get; init; }

    /// <summary>The UUID stored in the superblock. Pass a fixed one for reproducible images.</summary>
    public Guid Uuid { get; init; }

    /// <summary>Size of a data block in bytes (power of two, 512..65536).</summary>
    public int DataBlockSize { get; init; } = DefaultBlockSize;

    /// <summary>Size of a hash block in bytes (power of two, 512..65536).</summary>
    public int HashBlockSize { get; init; } = DefaultBlockSize;

    /// <summary>Whether to write the 512-byte verity superblock (in a hash block of its own) before the tree, as veritysetup does by default.</summary>
    public bool WriteSuperblock { get; init; } = true;
}
