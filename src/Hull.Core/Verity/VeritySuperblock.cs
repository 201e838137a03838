using System.Buffers.Binary;
using System.Text;

namespace Hull.Verity;

/// <summary>
/// The 512-byte superblock veritysetup writes in front of the hash tree. The kernel never reads
/// it; veritysetup and Hull's tooling use it to find the tree parameters again.
/// </summary>
/// <remarks>
/// Layout, all integers little-endian (cryptsetup's <c>struct verity_sb</c>,
/// https://gitlab.com/cryptsetup/cryptsetup/-/wikis/DMVerity):
/// 0 signature "verity\0\0", 8 u32 version = 1, 12 u32 hash_type = 1, 16 uuid[16],
/// 32 algorithm[32], 64 u32 data_block_size, 68 u32 hash_block_size, 72 u64 data_blocks,
/// 80 u16 salt_size, 82 pad[6], 88 salt[256], 344 pad[168].
/// </remarks>
internal static class VeritySuperblock
{
    public const int Size = 512;
    public const int MaxSaltSize = 256;

    private const int VersionOffset = 8;
    private const int HashTypeOffset = 12;
    private const int UuidOffset = 16;
    private const int AlgorithmOffset = 32;
    private const int DataBlockSizeOffset = 64;
    private const int HashBlockSizeOffset = 68;
    private const int DataBlocksOffset = 72;
    private const int SaltSizeOffset = 80;
    private const int SaltOffset = 88;

    /// <summary>Fills the first 512 bytes of <paramref name="destination"/> with the superblock.</summary>
    public static void Write(Span<byte> destination, VerityParameters parameters, long dataBlocks)
    {
        var sb = destination[..Size];
        sb.Clear();
        "verity"u8.CopyTo(sb);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[VersionOffset..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[HashTypeOffset..], 1);

        // Stored as the 16 raw bytes of the textual UUID (libuuid's uuid_parse), i.e. big-endian fields.
        parameters.Uuid.TryWriteBytes(sb.Slice(UuidOffset, 16), bigEndian: true, out _);

        Encoding.ASCII.GetBytes(VerityHashTree.Algorithm, sb.Slice(AlgorithmOffset, 32));
        BinaryPrimitives.WriteUInt32LittleEndian(sb[DataBlockSizeOffset..], (uint)parameters.DataBlockSize);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[HashBlockSizeOffset..], (uint)parameters.HashBlockSize);
        BinaryPrimitives.WriteUInt64LittleEndian(sb[DataBlocksOffset..], (ulong)dataBlocks);
        BinaryPrimitives.WriteUInt16LittleEndian(sb[SaltSizeOffset..], (ushort)parameters.Salt.Length);
        parameters.Salt.CopyTo(sb[SaltOffset..]);
    }
}
