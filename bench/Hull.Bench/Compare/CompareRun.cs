namespace Hull.Bench.Compare;

/// <summary>
/// One `bench/run compare`: every image's facts and boots, as committed in bench/results/compare-DATE.json.
/// <paramref name="Load"/>: the build machine's load averages (/proc/loadavg) at the start and the end, since other work
/// on the same cores slows every boot; null in files from before it was recorded.
/// </summary>
internal sealed record CompareRun(DateTimeOffset Date, string Machine, string Commit, string HullVersion, string KernelVersion, int BootsPerImage, IReadOnlyList<ImageResult> Images, string? Load = null)
{
    /// <summary>The image named <paramref name="name"/>, or null when it was not measured.</summary>
    public ImageResult? Find(string name) => Images.FirstOrDefault(i => i.Name == name);
}

/// <summary>One image in one boot mode (<see cref="ImageNames"/>): what it is made of and its measured boots.</summary>
internal sealed record ImageResult(string Name, ImageFacts Facts, IReadOnlyList<CompareSample> Samples);

/// <summary>
/// An image's sizes in bytes and its root's census. <paramref name="RootFsBytes"/>: the root file system as stored (Hull:
/// the erofs; baseline: blocks in use in the ext4; floor: its initramfs, its whole userspace).
/// </summary>
internal sealed record ImageFacts(long RootFsBytes, long InitramfsBytes, long DiskBytes, long DiskAllocatedBytes, TreeCensus Census);
