using System.IO.Hashing;

namespace Hull.Gpt;

/// <summary>
/// Reads a GPT: the primary header at LBA 1, or, when that copy is damaged, the backup at the
/// last LBA of the disk. Each copy is checked for signature, header size, header CRC, MyLBA,
/// a sane entry array, the entry array CRC, and partitions inside the usable range.
/// </summary>
internal static class GptReader
{
    /// <summary>Largest entry array accepted (the default is 16 KiB), so a damaged header cannot make us allocate gigabytes.</summary>
    private const int MaxEntryArrayBytes = 1024 * 1024;

    /// <summary>Reads the table or throws <see cref="GptException"/> naming what is wrong with both copies.</summary>
    public static GptTable Read(Stream disk, long diskSizeBytes)
    {
        var result = TryRead(disk, diskSizeBytes);
        return result.Found
            ? result.Table
            : throw new GptException(result.PrimaryError!.Value, result.BackupError!.Value);
    }

    /// <summary>Reads the table; a disk without a valid GPT is an outcome, not an exception.</summary>
    public static GptReadResult TryRead(Stream disk, long diskSizeBytes)
    {
        var diskSectors = GptLayout.SectorsOf(diskSizeBytes);
        if (TryReadCopy(disk, diskSectors, GptLayout.PrimaryHeaderLba, out var table, out var primaryError))
        {
            return new GptReadResult(table, GptHeaderCopy.Primary, null, null);
        }

        if (TryReadCopy(disk, diskSectors, GptLayout.BackupHeaderLba(diskSectors), out table, out var backupError))
        {
            return new GptReadResult(table, GptHeaderCopy.Backup, primaryError, null);
        }

        return new GptReadResult(null, GptHeaderCopy.Primary, primaryError, backupError);
    }

    private static bool TryReadCopy(Stream disk, long diskSectors, long headerLba, out GptTable table, out GptError error)
    {
        table = null!;
        var sector = ReadAt(disk, headerLba, GptLayout.SectorSize);
        if (!GptHeader.TryRead(sector, headerLba, out var header, out error))
        {
            return false;
        }

        var isPrimary = headerLba == GptLayout.PrimaryHeaderLba;
        if (!TryCheckGeometry(header, diskSectors, out error))
        {
            return false;
        }

        var arrayBytes = header.NumberOfPartitionEntries * header.SizeOfPartitionEntry;
        var entries = ReadAt(disk, header.PartitionEntryLba, arrayBytes);
        var actual = Crc32.HashToUInt32(entries);
        if (actual != header.PartitionEntryArrayCrc32)
        {
            error = new(GptErrorKind.EntriesCrcMismatch, headerLba,
                $"GPT entry array CRC mismatch at LBA {header.PartitionEntryLba} (header at LBA {headerLba} says 0x{header.PartitionEntryArrayCrc32:X8}, computed 0x{actual:X8})");
            return false;
        }

        var partitions = new List<GptPartition>();
        for (var i = 0; i < header.NumberOfPartitionEntries; i++)
        {
            // Entries larger than 128 bytes only add reserved space after the fields we know.
            var entry = entries.AsSpan(i * header.SizeOfPartitionEntry, GptLayout.EntrySize);
            if (GptEntry.Read(entry, i + 1) is not { } partition)
            {
                continue;
            }

            if (partition.FirstLba < header.FirstUsableLba || partition.LastLba > header.LastUsableLba || partition.FirstLba > partition.LastLba)
            {
                error = new(GptErrorKind.BadPartition, headerLba,
                    $"GPT partition {i + 1} ('{partition.Name}', LBA {partition.FirstLba}..{partition.LastLba}) is outside the usable range {header.FirstUsableLba}..{header.LastUsableLba} (header at LBA {headerLba})");
                return false;
            }

            partitions.Add(partition);
        }

        table = new GptTable(
            header.DiskGuid,
            header.FirstUsableLba,
            header.LastUsableLba,
            BackupHeaderLba: isPrimary ? header.AlternateLba : header.MyLba,
            partitions);
        return true;
    }

    private static bool TryCheckGeometry(GptHeader header, long diskSectors, out GptError error)
    {
        var lba = header.MyLba;
        var size = header.SizeOfPartitionEntry;
        var count = header.NumberOfPartitionEntries;

        // Entry size is 128 × 2^n (UEFI 2.10 §5.3.2).
        if (size < GptLayout.EntrySize || size % GptLayout.EntrySize != 0 || !int.IsPow2(size / GptLayout.EntrySize)
            || count <= 0 || (long)count * size > MaxEntryArrayBytes)
        {
            error = new(GptErrorKind.BadEntryArray, lba, $"GPT header at LBA {lba} describes an impossible entry array ({count} entries of {size} bytes)");
            return false;
        }

        var arraySectors = (((long)count * size) + GptLayout.SectorSize - 1) / GptLayout.SectorSize;
        if (header.PartitionEntryLba < GptLayout.PrimaryEntriesLba || header.PartitionEntryLba + arraySectors > diskSectors)
        {
            error = new(GptErrorKind.BadEntryArray, lba, $"GPT entry array at LBA {header.PartitionEntryLba} (header at LBA {lba}) lies outside a disk of {diskSectors} sectors");
            return false;
        }

        if (header.FirstUsableLba < GptLayout.PrimaryEntriesLba || header.LastUsableLba >= diskSectors || header.FirstUsableLba > header.LastUsableLba + 1)
        {
            error = new(GptErrorKind.BadUsableRange, lba,
                $"GPT usable range {header.FirstUsableLba}..{header.LastUsableLba} (header at LBA {lba}) does not fit a disk of {diskSectors} sectors");
            return false;
        }

        error = default;
        return true;
    }

    private static byte[] ReadAt(Stream disk, long lba, int length)
    {
        var buffer = new byte[length];
        disk.Seek(lba * GptLayout.SectorSize, SeekOrigin.Begin);
        disk.ReadExactly(buffer);
        return buffer;
    }
}
