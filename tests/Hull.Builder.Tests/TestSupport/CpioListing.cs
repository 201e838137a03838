using System.Text.RegularExpressions;

namespace Hull.Builder.Tests.TestSupport;

/// <summary>One line of <c>cpio -itv</c>: the ls -l style mode, the size (or "major, minor" of a device), the name and a symlink's target.</summary>
internal readonly record struct CpioListingEntry(string Mode, string Size, string Name, string? LinkTarget);

/// <summary>GNU cpio reading a gzip-compressed newc archive through zcat, the oracle for the initramfs.</summary>
internal static partial class CpioListing
{
    /// <summary><c>zcat ARCHIVE | cpio -itv</c>, parsed.</summary>
    public static IReadOnlyList<CpioListingEntry> List(string gzipArchive) =>
        ExternalTool.Shell($"zcat '{gzipArchive}' | cpio -itv --quiet").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                var m = Row().Match(line);
                m.Success.ShouldBeTrue(line);
                return new CpioListingEntry(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Success ? m.Groups[4].Value : null);
            })
            .ToList();

    /// <summary>The content of one member, via <c>cpio -i --to-stdout</c>.</summary>
    public static string Read(string gzipArchive, string member) =>
        ExternalTool.Shell($"zcat '{gzipArchive}' | cpio -i --quiet --to-stdout '{member}'").Stdout;

    // "crw-------   1 root     root       5,   1 Jan  1  1970 dev/console"
    // "lrwxrwxrwx   1 root     root          45 Jan  1  1970 lib64/ld-linux-x86-64.so.2 -> /usr/lib/..."
    [GeneratedRegex(@"^(\S{10})\s+\d+\s+\S+\s+\S+\s+(\d+,\s*\d+|\d+)\s+\w{3}\s+\d+\s+[\d:]+\s+(.+?)(?: -> (.+))?$")]
    private static partial Regex Row();
}
