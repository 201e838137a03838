namespace Hull.Updates;

/// <summary>
/// Which boot entry a healthy host blesses (drops the counter of), from systemd-boot's two variables and the files in
/// EFI/Linux. The trap (FIELD-NOTES, "A/B with systemd-boot's boot counting"): LoaderBootCountPath is never cleared, so
/// after an entry that was refused or had no counter it can still name another entry's file; blessing that one could
/// make a broken entry permanent. So: bless only the file LoaderBootCountPath names, only when, without counters, it is
/// the entry LoaderEntrySelected says was booted, and only when that file is there with a counter.
/// </summary>
/// <param name="FileName">The file to rename, or null when nothing is to be blessed.</param>
/// <param name="NewName">Its name without the counter, or null.</param>
/// <param name="Reason">Why, in words for the boot assessment.</param>
internal sealed record BlessDecision(string? FileName, string? NewName, string Reason)
{
    /// <summary>Decides; pure. <paramref name="loaderBootCountPath"/> is the variable's text (<c>\EFI\Linux\hull-2.0.0-b+2-1.efi</c>).</summary>
    public static BlessDecision Decide(string? loaderEntrySelected, string? loaderBootCountPath, IReadOnlyCollection<string> fileNames)
    {
        if (string.IsNullOrEmpty(loaderBootCountPath))
        {
            return new BlessDecision(null, null, "LoaderBootCountPath is not set: the booted entry has no boot counter, nothing to bless");
        }

        var counted = loaderBootCountPath[(loaderBootCountPath.LastIndexOfAny(['\\', '/']) + 1)..];
        if (!BootEntry.TryParse(counted.ToLowerInvariant(), out var countedEntry) || countedEntry.Value.TriesLeft is null)
        {
            return new BlessDecision(null, null, $"LoaderBootCountPath names {counted}, not a Hull entry with a counter; nothing blessed");
        }

        if (string.IsNullOrEmpty(loaderEntrySelected))
        {
            return new BlessDecision(null, null, $"LoaderEntrySelected is not set, so {counted} cannot be confirmed as the booted entry; nothing blessed");
        }

        var selected = loaderEntrySelected[(loaderEntrySelected.LastIndexOfAny(['\\', '/']) + 1)..];
        if (!BootEntry.TryParse(selected.ToLowerInvariant(), out var selectedEntry) || selectedEntry.Value.BaseName != countedEntry.Value.BaseName)
        {
            return new BlessDecision(null, null,
                $"LoaderBootCountPath names {counted} but LoaderEntrySelected is {selected}: a stale counter path (systemd-boot never clears it); nothing blessed");
        }

        // FAT compares names without case; systemd-boot may report them in another case than the directory lists.
        var file = fileNames.FirstOrDefault(n => string.Equals(n, counted, StringComparison.OrdinalIgnoreCase));
        return file is null
            ? new BlessDecision(null, null, $"{counted} (LoaderBootCountPath) is not in {BootEntries.LinuxFolder}; nothing blessed")
            : new BlessDecision(file, countedEntry.Value.BaseName, $"booted {selected} and it is healthy: {file} becomes {countedEntry.Value.BaseName}");
    }
}
