namespace Hull.Gpt;

/// <summary>
/// The fixed geometry Hull writes: 512-byte logical sectors, 128 entries of 128 bytes,
/// primary header at LBA 1 with its entries from LBA 2, the backup entries and header at
/// the end of the disk (UEFI 2.10 §5.3.1, https://uefi.org/specs/UEFI/2.10/05_GUID_Partition_Table_Format.html).
/// </summary>
internal static class GptLayout
{
    /// <summary>Logical sector size. 4Kn disks are not supported.</summary>
    public const int SectorSize = 512;

    /// <summary>Number of entries in the array; the spec's minimum reserves 16 KiB for it.</summary>
    public const int EntryCount = 128;

    /// <summary>Size of one entry (spec: 128 × 2^n; 128 is what everyone writes).</summary>
    public const int EntrySize = 128;

    /// <summary>Sectors the entry array occupies: 128 × 128 / 512 = 32.</summary>
    public const int EntryArraySectors = EntryCount * EntrySize / SectorSize;

    /// <summary>Partition starts are aligned to 1 MiB, the alignment every current tool uses.</summary>
    public const long AlignmentSectors = 1024 * 1024 / SectorSize;

    /// <summary>Longest partition name: the field is 72 bytes of UTF-16LE.</summary>
    public const int MaxNameLength = 36;

    /// <summary>LBA of the primary header.</summary>
    public const long PrimaryHeaderLba = 1;

    /// <summary>LBA where the primary entry array starts.</summary>
    public const long PrimaryEntriesLba = 2;

    /// <summary>First LBA a partition may use: after the MBR, the header and the entry array.</summary>
    public const long FirstUsableLba = PrimaryEntriesLba + EntryArraySectors;

    /// <summary>Smallest disk the layout fits on with one aligned sector to spare.</summary>
    public const long MinimumDiskSectors = AlignmentSectors + 1 + EntryArraySectors + 1;

    /// <summary>Number of sectors on a disk of <paramref name="diskSizeBytes"/>; the size must be a whole number of sectors.</summary>
    public static long SectorsOf(long diskSizeBytes)
    {
        if (diskSizeBytes % SectorSize != 0)
        {
            throw new ArgumentException($"Disk size {diskSizeBytes} is not a multiple of {SectorSize} bytes.", nameof(diskSizeBytes));
        }

        var sectors = diskSizeBytes / SectorSize;
        if (sectors < MinimumDiskSectors)
        {
            throw new ArgumentException($"Disk size {diskSizeBytes} is too small for a GPT (need at least {MinimumDiskSectors * SectorSize} bytes).", nameof(diskSizeBytes));
        }

        return sectors;
    }

    /// <summary>LBA of the backup header: the last sector of the disk.</summary>
    public static long BackupHeaderLba(long diskSectors) => diskSectors - 1;

    /// <summary>LBA where the backup entry array starts, right before the backup header.</summary>
    public static long BackupEntriesLba(long diskSectors) => BackupHeaderLba(diskSectors) - EntryArraySectors;

    /// <summary>Last LBA a partition may use: right before the backup entry array.</summary>
    public static long LastUsableLba(long diskSectors) => BackupEntriesLba(diskSectors) - 1;

    /// <summary>Rounds <paramref name="lba"/> up to the next 1 MiB boundary.</summary>
    public static long AlignUp(long lba) => (lba + AlignmentSectors - 1) / AlignmentSectors * AlignmentSectors;
}
