using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hull.Updates;

/// <summary>
/// One Hull UKI in the ESP's <c>EFI/Linux</c>, as its file name tells: <c>hull-VERSION-SLOT[+LEFT[-DONE]].efi</c>, or
/// <c>hull-VERSION-SLOT.efi.staged</c>. systemd-boot renames counted entries at every attempt (LEFT down, DONE up),
/// and a booted OS blesses one by dropping the counter.
/// </summary>
internal readonly record struct BootEntry(string FileName, HullVersion Version, char Slot, int? TriesLeft, int? TriesDone, bool Staged)
{
    /// <summary>Tries a newly activated entry gets.</summary>
    public const int InitialTries = 3;

    private const string Prefix = "hull-";
    private const string Efi = ".efi";
    private const string StagedSuffix = ".efi.staged";

    /// <summary>What systemd-boot makes of the entry.</summary>
    public BootEntryState State =>
        Staged ? BootEntryState.Staged : TriesLeft is null ? BootEntryState.Good : TriesLeft == 0 ? BootEntryState.Bad : BootEntryState.Trial;

    /// <summary>The entry's name without its counter: <c>hull-V-S.efi</c> (what LoaderEntrySelected and LoaderBootCountPath agree on).</summary>
    public string BaseName => Name(Version, Slot);

    /// <summary><c>hull-V-S.efi</c>, or with a counter <c>hull-V-S+LEFT.efi</c> / <c>hull-V-S+LEFT-DONE.efi</c>.</summary>
    public static string Name(HullVersion version, char slot, int? triesLeft = null, int? triesDone = null) =>
        triesLeft is { } left
            ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}{version}-{slot}+{left}{(triesDone is { } done ? $"-{done}" : "")}{Efi}")
            : $"{Prefix}{version}-{slot}{Efi}";

    /// <summary><c>hull-V-S.efi.staged</c>.</summary>
    public static string StagedName(HullVersion version, char slot) => $"{Prefix}{version}-{slot}{StagedSuffix}";

    /// <summary>Reads a file name; false for anything that is not a Hull entry (other UKIs, temp files).</summary>
    public static bool TryParse(string fileName, [NotNullWhen(true)] out BootEntry? entry)
    {
        entry = null;
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var staged = fileName.EndsWith(StagedSuffix, StringComparison.Ordinal);
        if (!staged && !fileName.EndsWith(Efi, StringComparison.Ordinal))
        {
            return false;
        }

        // VERSION-SLOT[+LEFT[-DONE]]: versions have no '-' or '+', so the last '-' before any '+' ends the version.
        var body = fileName[Prefix.Length..^(staged ? StagedSuffix.Length : Efi.Length)];
        int? left = null;
        int? done = null;
        var plus = body.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            if (staged || !TryCounter(body[(plus + 1)..], out left, out done))
            {
                return false;
            }

            body = body[..plus];
        }

        var dash = body.LastIndexOf('-');
        if (dash < 0 || body.Length != dash + 2 || body[^1] is not ('a' or 'b') || !HullVersion.TryParse(body[..dash], out var version) || body[0] == 'v')
        {
            return false;
        }

        entry = new BootEntry(fileName, version, body[^1], left, done, staged);
        return true;
    }

    private static bool TryCounter(string text, out int? left, out int? done)
    {
        left = done = null;
        var parts = text.Split('-');
        if (parts.Length > 2 || !parts.All(p => p.Length is > 0 and < 6 && p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        left = int.Parse(parts[0], CultureInfo.InvariantCulture);
        done = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null;
        return true;
    }
}
