namespace Hull.Gpt;

/// <summary>Turns ordered partition requests into 1 MiB-aligned partitions on a disk of a given size.</summary>
internal static class GptPlanner
{
    /// <summary>
    /// Places the requests one after another, each starting on the next 1 MiB boundary.
    /// A request without a size must be the last one and ends at the last usable LBA.
    /// Throws <see cref="ArgumentException"/> when a request is malformed or the disk is too small.
    /// </summary>
    public static IReadOnlyList<GptPartition> Plan(long diskSizeBytes, IReadOnlyList<GptPartitionRequest> requests)
    {
        var diskSectors = GptLayout.SectorsOf(diskSizeBytes);
        var lastUsable = GptLayout.LastUsableLba(diskSectors);
        if (requests.Count > GptLayout.EntryCount)
        {
            throw new ArgumentException($"{requests.Count} partitions requested; the entry array holds {GptLayout.EntryCount}.", nameof(requests));
        }

        var partitions = new GptPartition[requests.Count];
        var next = GptLayout.AlignUp(GptLayout.FirstUsableLba);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            long last;
            if (request.SizeBytes is { } size)
            {
                if (size <= 0)
                {
                    throw new ArgumentException($"Partition '{request.Name}' has size {size}; sizes must be positive.", nameof(requests));
                }

                last = next + ((size + GptLayout.SectorSize - 1) / GptLayout.SectorSize) - 1;
            }
            else if (i != requests.Count - 1)
            {
                throw new ArgumentException($"Partition '{request.Name}' asks for the rest of the disk but is not the last request.", nameof(requests));
            }
            else
            {
                last = lastUsable;
            }

            if (next > lastUsable || last > lastUsable)
            {
                throw new ArgumentException(
                    $"Partition '{request.Name}' (LBA {next}..{last}) does not fit: the last usable LBA of a {diskSizeBytes}-byte disk is {lastUsable}.",
                    nameof(diskSizeBytes));
            }

            partitions[i] = new GptPartition(request.Name, request.TypeGuid, request.UniqueGuid, next, last, request.Attributes) { Number = i + 1 };
            next = GptLayout.AlignUp(last + 1);
        }

        return partitions;
    }
}
