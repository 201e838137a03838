namespace Hull.Gpt;

/// <summary>A partition table as read from disk (or about to be written).</summary>
/// <param name="DiskGuid">The disk GUID from the header.</param>
/// <param name="FirstUsableLba">First LBA partitions may use.</param>
/// <param name="LastUsableLba">Last LBA partitions may use.</param>
/// <param name="BackupHeaderLba">
/// Where this table keeps its backup header, i.e. the last LBA of the disk as the table knows it.
/// Smaller than the disk's real last LBA after the disk was enlarged.
/// </param>
/// <param name="Partitions">Used entries in slot order; each carries its slot <see cref="GptPartition.Number"/>.</param>
internal sealed record GptTable(
    Guid DiskGuid,
    long FirstUsableLba,
    long LastUsableLba,
    long BackupHeaderLba,
    IReadOnlyList<GptPartition> Partitions)
{
    /// <summary>True when the table's backup header is the last sector of a disk of <paramref name="diskSizeBytes"/>.</summary>
    public bool EndsAt(long diskSizeBytes) => BackupHeaderLba == (diskSizeBytes / GptLayout.SectorSize) - 1;

    /// <summary>
    /// The same table for a disk of <paramref name="newDiskSizeBytes"/>: the backup moves to the new
    /// end and the partition that ends last is extended to the new last usable LBA. Nothing is written.
    /// </summary>
    public GptTable WithLastPartitionGrownTo(long newDiskSizeBytes)
    {
        if (Partitions.Count == 0)
        {
            throw new InvalidOperationException("The GPT has no partitions to grow.");
        }

        var diskSectors = GptLayout.SectorsOf(newDiskSizeBytes);
        var newLastUsable = GptLayout.LastUsableLba(diskSectors);
        var last = Partitions.MaxBy(p => p.LastLba)!;
        if (newLastUsable < last.LastLba)
        {
            throw new ArgumentOutOfRangeException(
                nameof(newDiskSizeBytes),
                $"A {newDiskSizeBytes}-byte disk ends its usable range at LBA {newLastUsable}, before partition '{last.Name}' ends at LBA {last.LastLba}; partitions are never shrunk.");
        }

        var grown = last with { LastLba = newLastUsable };
        var partitions = Partitions.Select(p => ReferenceEquals(p, last) ? grown : p).ToArray();
        return this with
        {
            FirstUsableLba = GptLayout.FirstUsableLba,
            LastUsableLba = newLastUsable,
            BackupHeaderLba = GptLayout.BackupHeaderLba(diskSectors),
            Partitions = partitions,
        };
    }
}
