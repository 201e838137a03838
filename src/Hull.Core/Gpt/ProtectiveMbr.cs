using System.Buffers.Binary;

namespace Hull.Gpt;

/// <summary>
/// The protective MBR in LBA 0 (UEFI 2.10 §5.2.3, table 5.4): one partition record of type 0xEE
/// starting at LBA 1 and covering the rest of the disk, capped at 0xFFFFFFFF sectors for disks
/// over 2 TiB. It keeps MBR-only tools from treating the disk as empty.
/// </summary>
internal static class ProtectiveMbr
{
    private const int FirstRecordOffset = 446;
    private const byte GptProtectiveType = 0xEE;

    /// <summary>Fills <paramref name="sector"/> with a protective MBR for a disk of <paramref name="diskSectors"/> sectors.</summary>
    public static void Write(Span<byte> sector, long diskSectors)
    {
        sector.Clear();
        var record = sector.Slice(FirstRecordOffset, 16);
        record[0] = 0x00; // BootIndicator: not bootable.
        // StartingCHS 0/0/2, the CHS address of LBA 1.
        record[1] = 0x00;
        record[2] = 0x02;
        record[3] = 0x00;
        record[4] = GptProtectiveType;
        // EndingCHS: the spec allows the last addressable CHS; 0xFFFFFF says "beyond CHS".
        record[5] = 0xFF;
        record[6] = 0xFF;
        record[7] = 0xFF;
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], 1);
        var size = (uint)Math.Min(diskSectors - 1, uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], size);
        sector[510] = 0x55;
        sector[511] = 0xAA;
    }
}
