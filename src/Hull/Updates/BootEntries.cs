using Hull.Interop;

namespace Hull.Updates;

/// <summary>
/// The Hull UKIs on the ESP (<c>ESP/EFI/Linux</c>): lists them and renames them through their life (staged, on trial,
/// good, bad). Every change is durable before the call returns: a rename is followed by an fsync of the folder, a
/// new file is written under a temp name, fsynced, renamed, and the folder fsynced. Names are <see cref="BootEntry"/>'s.
/// </summary>
internal sealed class BootEntries(string espRoot)
{
    /// <summary>Where systemd-boot looks for UKIs (Type #2 entries), relative to the ESP's root.</summary>
    public const string LinuxFolder = "EFI/Linux";

    /// <summary>The ESP's EFI/Linux folder.</summary>
    public string Directory { get; } = Path.Combine(Path.GetFullPath(espRoot), LinuxFolder);

    /// <summary>Every Hull entry, sorted by name; files that are not Hull entries are left out.</summary>
    public IReadOnlyList<BootEntry> List() =>
        [.. FileNames().Select(n => BootEntry.TryParse(n, out var e) ? e : null).OfType<BootEntry>().OrderBy(e => e.FileName, StringComparer.Ordinal)];

    /// <summary>The names of every file in EFI/Linux (none when the folder does not exist).</summary>
    public IReadOnlyList<string> FileNames() =>
        System.IO.Directory.Exists(Directory) ? [.. System.IO.Directory.EnumerateFiles(Directory).Select(Path.GetFileName).OfType<string>()] : [];

    /// <summary>The entries of <paramref name="slot"/>, staged ones included.</summary>
    public IReadOnlyList<BootEntry> OfSlot(char slot) => [.. List().Where(e => e.Slot == slot)];

    /// <summary>Deletes every entry of <paramref name="slot"/> and any half-written one of it, so nothing of that slot can boot.</summary>
    public void DeleteSlot(char slot)
    {
        var doomed = OfSlot(slot).Select(e => e.FileName)
            .Concat(FileNames().Where(n => n.StartsWith(".hull-", StringComparison.Ordinal) && n.EndsWith($"-{slot}.efi.staged.part", StringComparison.Ordinal)))
            .ToList();
        foreach (var name in doomed)
        {
            File.Delete(Path.Combine(Directory, name));
        }

        if (doomed.Count > 0)
        {
            Libc.SyncDirectory(Directory);
        }
    }

    /// <summary>Where a UKI for <paramref name="slot"/> is written before <see cref="CommitStaged"/> (a name systemd-boot never loads).</summary>
    public string StagingTempPath(HullVersion version, char slot)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Path.Combine(Directory, $".{BootEntry.StagedName(version, slot)}.part");
    }

    /// <summary>Renames the written (and fsynced) temp file to <c>hull-V-S.efi.staged</c>.</summary>
    public BootEntry CommitStaged(HullVersion version, char slot) =>
        RenameTo(StagingTempPath(version, slot), BootEntry.StagedName(version, slot));

    /// <summary>Activates the staged entry of <paramref name="slot"/>: <c>hull-V-S+3.efi</c>, on trial, so systemd-boot tries it next.</summary>
    public BootEntry Activate(char slot)
    {
        var staged = Single(slot, BootEntryState.Staged, "activate");
        return RenameTo(Path.Combine(Directory, staged.FileName), BootEntry.Name(staged.Version, slot, BootEntry.InitialTries));
    }

    /// <summary>Takes back an activation that has not been booted: the slot's entry on trial becomes staged again.</summary>
    public BootEntry Deactivate(char slot)
    {
        var trial = Single(slot, BootEntryState.Trial, "deactivate");
        return RenameTo(Path.Combine(Directory, trial.FileName), BootEntry.StagedName(trial.Version, slot));
    }

    /// <summary>Marks <paramref name="slot"/>'s bootable entry bad (<c>+0</c>), so systemd-boot sorts it last and boots the other slot.</summary>
    public BootEntry MarkBad(char slot)
    {
        var entry = OfSlot(slot).FirstOrDefault(e => e.State is BootEntryState.Good or BootEntryState.Trial);
        if (entry.FileName is null)
        {
            throw new IOException($"{Directory}: slot {slot} has no bootable entry to mark bad");
        }

        return RenameTo(Path.Combine(Directory, entry.FileName), BootEntry.Name(entry.Version, slot, 0));
    }

    /// <summary>Blesses <paramref name="fileName"/>: drops its counter (<c>hull-V-S.efi</c>), so it is booted as it is from now on.</summary>
    public BootEntry MarkGood(string fileName)
    {
        if (!BootEntry.TryParse(fileName, out var entry) || entry.Value.State is BootEntryState.Staged)
        {
            throw new IOException($"{Path.Combine(Directory, fileName)}: not a Hull boot entry with a counter");
        }

        return RenameTo(Path.Combine(Directory, fileName), entry.Value.BaseName);
    }

    private BootEntry Single(char slot, BootEntryState state, string action)
    {
        var found = OfSlot(slot).Where(e => e.State == state).ToList();
        return found.Count == 1
            ? found[0]
            : throw new IOException(found.Count == 0
                ? $"{Directory}: slot {slot} has no {state.ToString().ToLowerInvariant()} entry to {action}"
                : $"{Directory}: slot {slot} has {found.Count} {state.ToString().ToLowerInvariant()} entries ({string.Join(", ", found.Select(e => e.FileName))}); not choosing one to {action}");
    }

    private BootEntry RenameTo(string from, string name)
    {
        var to = Path.Combine(Directory, name);
        File.Move(from, to, overwrite: true);
        // The ESP is FAT: the new name's entry carries the file's size and first cluster only once the file itself is
        // synced. Without this, a power cut after the rename leaves an empty file systemd-boot cannot load.
        Libc.SyncFile(to);
        Libc.SyncDirectory(Directory);
        return BootEntry.TryParse(name, out var entry) ? entry.Value : throw new InvalidOperationException($"{name} is not a boot entry name");
    }
}
