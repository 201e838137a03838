using System.Globalization;
using System.Text;
using Hull.Builder.Tools;

namespace Hull.Builder.Debian;

/// <summary>
/// The committed lock file (image/packages.lock): one line per package, tab-separated
/// name, version, architecture, size, SHA-256 and the Debian suite it comes from. Lines starting with '#' are comments.
/// </summary>
internal sealed class PackageLock
{
    private const string Header =
        "# Hull's pinned Debian packages (bookworm, and the few image/packages.txt takes from a later suite). Made by `./hull build --update-lock`; do not edit by hand.\n" +
        "# name\tversion\tarch\tsize\tsha256\tsuite\n";

    public PackageLock(IReadOnlyList<LockedPackage> packages) => Packages = packages;

    /// <summary>The locked packages, sorted by name.</summary>
    public IReadOnlyList<LockedPackage> Packages { get; }

    /// <summary>Finds a package by name; throws naming the package and the lock file when it is missing.</summary>
    public LockedPackage Get(string name) =>
        Packages.FirstOrDefault(p => p.Name == name)
        ?? throw new ToolException($"package '{name}' is not in the lock file; add it to image/packages.txt and run `./hull build --update-lock`");

    /// <summary>Parses lock file text; every error names the line.</summary>
    public static PackageLock Parse(string text, string fileName)
    {
        var packages = new List<LockedPackage>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length != 6 || !long.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || f[4].Length != 64 || !f[4].All(char.IsAsciiHexDigitLower) || !PackageList.IsSuiteName(f[5]))
            {
                throw new ToolException($"{fileName}:{lineNumber}: expected 'name<TAB>version<TAB>arch<TAB>size<TAB>sha256<TAB>suite' (lower-case hex), got '{line}'");
            }

            packages.Add(new LockedPackage(f[0], f[1], f[2], size, f[4], f[5]));
        }

        return new PackageLock(packages.OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>The lock file text for these packages, under <paramref name="header"/> (comment lines; image/packages.lock's own by default).</summary>
    public string Format(string header = Header)
    {
        var sb = new StringBuilder(header);
        foreach (var p in Packages.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{p.Name}\t{p.Version}\t{p.Architecture}\t{p.Size}\t{p.Sha256}\t{p.Suite}\n");
        }

        return sb.ToString();
    }
}
