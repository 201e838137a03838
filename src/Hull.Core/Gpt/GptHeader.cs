using System.Buffers.Binary;
using System.IO.Hashing;

namespace Hull.Gpt;

/// <summary>
/// The GPT header, as laid out in UEFI 2.10 §5.3.2 table 5.5
/// (https://uefi.org/specs/UEFI/2.10/05_GUID_Partition_Table_Format.html#gpt-header).
/// All integers are little-endian; the GUID uses the mixed-endian layout of <see cref="Guid.TryWriteBytes(Span{byte})"/>.
/// </summary>
internal readonly record struct GptHeader(
    long MyLba,
    long AlternateLba,
    long FirstUsableLba,
    long LastUsableLba,
    Guid DiskGuid,
    long PartitionEntryLba,
    int NumberOfPartitionEntries,
    int SizeOfPartitionEntry,
    uint PartitionEntryArrayCrc32)
{
    /// <summary>"EFI PART" read as a little-endian 64-bit integer.</summary>
    public const ulong Signature = 0x5452_4150_2049_4645;

    /// <summary>Revision 1.0, the only one defined.</summary>
    public const uint Revision = 0x0001_0000;

    /// <summary>Bytes covered by the header CRC; the rest of the sector is reserved and zero.</summary>
    public const int Size = 92;

    private const int CrcOffset = 16;

    /// <summary>Writes the header into a zeroed sector and fills in its CRC.</summary>
    public void WriteTo(Span<byte> sector)
    {
        sector.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(sector, Signature);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[8..], Revision);
        BinaryPrimitives.WriteInt32LittleEndian(sector[12..], Size);
        // 16: HeaderCRC32, filled in last; 20: reserved, zero.
        BinaryPrimitives.WriteInt64LittleEndian(sector[24..], MyLba);
        BinaryPrimitives.WriteInt64LittleEndian(sector[32..], AlternateLba);
        BinaryPrimitives.WriteInt64LittleEndian(sector[40..], FirstUsableLba);
        BinaryPrimitives.WriteInt64LittleEndian(sector[48..], LastUsableLba);
        DiskGuid.TryWriteBytes(sector[56..]);
        BinaryPrimitives.WriteInt64LittleEndian(sector[72..], PartitionEntryLba);
        BinaryPrimitives.WriteInt32LittleEndian(sector[80..], NumberOfPartitionEntries);
        BinaryPrimitives.WriteInt32LittleEndian(sector[84..], SizeOfPartitionEntry);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[88..], PartitionEntryArrayCrc32);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[CrcOffset..], Crc32.HashToUInt32(sector[..Size]));
    }

    /// <summary>
    /// Parses the header read from <paramref name="lba"/>, checking signature, size, CRC and MyLBA.
    /// The entry array and the LBAs are checked against the disk by <see cref="GptReader"/>.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> sector, long lba, out GptHeader header, out GptError error)
    {
        header = default;
        if (BinaryPrimitives.ReadUInt64LittleEndian(sector) != Signature)
        {
            error = new(GptErrorKind.MissingSignature, lba, $"GPT signature missing at LBA {lba}");
            return false;
        }

        // Later revisions may grow the header; the CRC covers HeaderSize bytes, whatever it is.
        var size = BinaryPrimitives.ReadInt32LittleEndian(sector[12..]);
        if (size < Size || size > sector.Length)
        {
            error = new(GptErrorKind.BadHeaderSize, lba, $"GPT header size {size} at LBA {lba} is outside {Size}..{sector.Length}");
            return false;
        }

        Span<byte> copy = stackalloc byte[size];
        sector[..size].CopyTo(copy);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(copy[CrcOffset..]);
        copy[CrcOffset..(CrcOffset + 4)].Clear();
        var actual = Crc32.HashToUInt32(copy);
        if (stored != actual)
        {
            error = new(GptErrorKind.HeaderCrcMismatch, lba, $"GPT header CRC mismatch at LBA {lba} (stored 0x{stored:X8}, computed 0x{actual:X8})");
            return false;
        }

        header = new GptHeader(
            MyLba: BinaryPrimitives.ReadInt64LittleEndian(sector[24..]),
            AlternateLba: BinaryPrimitives.ReadInt64LittleEndian(sector[32..]),
            FirstUsableLba: BinaryPrimitives.ReadInt64LittleEndian(sector[40..]),
            LastUsableLba: BinaryPrimitives.ReadInt64LittleEndian(sector[48..]),
            DiskGuid: new Guid(sector.Slice(56, 16)),
            PartitionEntryLba: BinaryPrimitives.ReadInt64LittleEndian(sector[72..]),
            NumberOfPartitionEntries: BinaryPrimitives.ReadInt32LittleEndian(sector[80..]),
            SizeOfPartitionEntry: BinaryPrimitives.ReadInt32LittleEndian(sector[84..]),
            PartitionEntryArrayCrc32: BinaryPrimitives.ReadUInt32LittleEndian(sector[88..]));
        if (header.MyLba != lba)
        {
            error = new(GptErrorKind.WrongMyLba, lba, $"GPT header at LBA {lba} claims MyLBA {header.MyLba}");
            return false;
        }

        error = default;
        return true;
    }
}
