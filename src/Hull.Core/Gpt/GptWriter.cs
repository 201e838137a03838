using System.IO.Hashing;

namespace Hull.Gpt;

/// <summary>
/// Writes a protective MBR and both GPT copies. Only the table sectors are touched
/// (LBA 0-33 and the last 33 sectors), so a sparse image file stays sparse.
/// </summary>
internal static class GptWriter
{
    /// <summary>Writes <paramref name="table"/>'s disk GUID and partitions for a disk of <paramref name="diskSizeBytes"/>.</summary>
    public static void Write(Stream disk, long diskSizeBytes, GptTable table)
        => Write(disk, diskSizeBytes, table.DiskGuid, table.Partitions);

    /// <summary>
    /// Writes the standard layout (128 × 128-byte entries, primary at LBA 1-33, backup in the last 33
    /// sectors) for a disk of <paramref name="diskSizeBytes"/>. Throws <see cref="ArgumentException"/>
    /// when a partition is outside the usable range, overlaps another, or has an invalid name or slot.
    /// </summary>
    public static void Write(Stream disk, long diskSizeBytes, Guid diskGuid, IReadOnlyList<GptPartition> partitions)
    {
        var diskSectors = GptLayout.SectorsOf(diskSizeBytes);
        var lastUsable = GptLayout.LastUsableLba(diskSectors);
        Validate(partitions, lastUsable);

        var entries = new byte[GptLayout.EntryCount * GptLayout.EntrySize];
        for (var i = 0; i < partitions.Count; i++)
        {
            var slot = SlotOf(partitions[i], i);
            GptEntry.Write(entries.AsSpan(slot * GptLayout.EntrySize, GptLayout.EntrySize), partitions[i]);
        }

        var entriesCrc = Crc32.HashToUInt32(entries);
        var backupHeaderLba = GptLayout.BackupHeaderLba(diskSectors);
        var primary = new GptHeader(
            MyLba: GptLayout.PrimaryHeaderLba,
            AlternateLba: backupHeaderLba,
            FirstUsableLba: GptLayout.FirstUsableLba,
            LastUsableLba: lastUsable,
            DiskGuid: diskGuid,
            PartitionEntryLba: GptLayout.PrimaryEntriesLba,
            NumberOfPartitionEntries: GptLayout.EntryCount,
            SizeOfPartitionEntry: GptLayout.EntrySize,
            PartitionEntryArrayCrc32: entriesCrc);

        // The backup swaps MyLBA/AlternateLBA and points at its own entry array (UEFI 2.10 §5.3.2).
        var backup = primary with
        {
            MyLba = backupHeaderLba,
            AlternateLba = GptLayout.PrimaryHeaderLba,
            PartitionEntryLba = GptLayout.BackupEntriesLba(diskSectors),
        };

        var sector = new byte[GptLayout.SectorSize];

        // Backup first, then primary: when this rewrites a table in place (growing a disk) and is
        // cut short, one copy is always whole, because a reader falls back to the last LBA.
        WriteAt(disk, backup.PartitionEntryLba, entries);
        backup.WriteTo(sector);
        WriteAt(disk, backup.MyLba, sector);
        Flush(disk);

        WriteAt(disk, primary.PartitionEntryLba, entries);
        primary.WriteTo(sector);
        WriteAt(disk, primary.MyLba, sector);
        ProtectiveMbr.Write(sector, diskSectors);
        WriteAt(disk, 0, sector);
        Flush(disk);
    }

    /// <summary>Writes one sector of zeros at <paramref name="lba"/>.</summary>
    internal static void ZeroSector(Stream disk, long lba)
    {
        WriteAt(disk, lba, new byte[GptLayout.SectorSize]);
        Flush(disk);
    }

    private static void Validate(IReadOnlyList<GptPartition> partitions, long lastUsable)
    {
        if (partitions.Count > GptLayout.EntryCount)
        {
            throw new ArgumentException($"{partitions.Count} partitions given; the entry array holds {GptLayout.EntryCount}.", nameof(partitions));
        }

        var slots = new HashSet<int>();
        for (var i = 0; i < partitions.Count; i++)
        {
            var p = partitions[i];
            if (p.Name.Length > GptLayout.MaxNameLength || p.Name.Contains('\0'))
            {
                throw new ArgumentException($"Partition name '{p.Name}' must be at most {GptLayout.MaxNameLength} UTF-16 code units without NUL.", nameof(partitions));
            }

            if (p.TypeGuid == Guid.Empty)
            {
                throw new ArgumentException($"Partition '{p.Name}' has the empty type GUID, which marks an unused entry.", nameof(partitions));
            }

            if (p.FirstLba < GptLayout.FirstUsableLba || p.LastLba > lastUsable || p.FirstLba > p.LastLba)
            {
                throw new ArgumentException(
                    $"Partition '{p.Name}' (LBA {p.FirstLba}..{p.LastLba}) is outside the usable range {GptLayout.FirstUsableLba}..{lastUsable}.",
                    nameof(partitions));
            }

            var slot = SlotOf(p, i);
            if (slot is < 0 or >= GptLayout.EntryCount || !slots.Add(slot))
            {
                throw new ArgumentException($"Partition '{p.Name}' has number {slot + 1}, which is out of range or used twice.", nameof(partitions));
            }
        }

        var byStart = partitions.OrderBy(p => p.FirstLba).ToArray();
        for (var i = 1; i < byStart.Length; i++)
        {
            if (byStart[i].FirstLba <= byStart[i - 1].LastLba)
            {
                throw new ArgumentException($"Partitions '{byStart[i - 1].Name}' and '{byStart[i].Name}' overlap.", nameof(partitions));
            }
        }
    }

    private static int SlotOf(GptPartition partition, int index) => partition.Number == 0 ? index : partition.Number - 1;

    private static void WriteAt(Stream disk, long lba, byte[] data)
    {
        disk.Seek(lba * GptLayout.SectorSize, SeekOrigin.Begin);
        disk.Write(data);
    }

    private static void Flush(Stream disk)
    {
        // On a real disk the backup must be durable before the primary is touched.
        if (disk is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            disk.Flush();
        }
    }
}
