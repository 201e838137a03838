using Hull.Platform;

namespace Hull.Updates;

/// <summary>
/// systemd-boot's variables as efivarfs shows them (vendor GUID 4a67b082-0a4c-41cf-b6c7-440b29bb8c4f): a 4-byte
/// attribute word, then UTF-16LE text ending in NUL (systemd's Boot Loader Interface).
/// </summary>
internal static class LoaderVariables
{
    /// <summary>The efivarfs mount on the host.</summary>
    public const string EfivarsDirectory = EfiVariables.Directory;

    private const string VendorGuid = "4a67b082-0a4c-41cf-b6c7-440b29bb8c4f";

    /// <summary>The entry systemd-boot booted, as named before its counter was decremented.</summary>
    public const string EntrySelected = "LoaderEntrySelected";

    /// <summary>The path of the booted entry after systemd-boot renamed it (entries with a counter only; never cleared).</summary>
    public const string BootCountPath = "LoaderBootCountPath";

    /// <summary>The variable's text, or null when it is not set (or not readable).</summary>
    public static string? Read(string name, string efivarsDirectory = EfivarsDirectory) => EfiVariables.ReadString(name, VendorGuid, efivarsDirectory);

    /// <summary>
    /// What PID 1 calls once the host is healthy: decides with <see cref="BlessDecision.Decide"/> from the two variables
    /// and the ESP's EFI/Linux, and renames the entry durably when it should. Returns the decision (for the boot assessment).
    /// </summary>
    public static BlessDecision BlessBootedEntry(BootEntries esp, string efivarsDirectory = EfivarsDirectory)
    {
        var decision = BlessDecision.Decide(Read(EntrySelected, efivarsDirectory), Read(BootCountPath, efivarsDirectory), esp.FileNames());
        if (decision.FileName is { } file)
        {
            esp.MarkGood(file);
        }

        return decision;
    }
}
