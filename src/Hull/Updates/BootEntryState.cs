namespace Hull.Updates;

/// <summary>What systemd-boot makes of a UKI entry, from its file name (Boot Loader Specification, "Boot counting").</summary>
internal enum BootEntryState
{
    /// <summary><c>hull-V-S.efi</c>: no counter, booted as it is.</summary>
    Good,

    /// <summary><c>hull-V-S+T.efi</c> or <c>hull-V-S+T-D.efi</c> with T &gt; 0: on trial, T tries left.</summary>
    Trial,

    /// <summary><c>hull-V-S+0.efi</c> or <c>hull-V-S+0-D.efi</c>: no tries left; sorted last, so the other slot boots.</summary>
    Bad,

    /// <summary><c>hull-V-S.efi.staged</c>: written, not activated; systemd-boot ignores it.</summary>
    Staged,
}
