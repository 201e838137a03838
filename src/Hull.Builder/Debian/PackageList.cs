using Hull.Builder.Build;
using Hull.Builder.Tools;

namespace Hull.Builder.Debian;

/// <summary>One package of a list, and the Debian suite it is taken from.</summary>
internal sealed record ListedPackage(string Name, string Suite);

/// <summary>
/// The packages the image is made from (image/packages.txt): one name per line, '#' starts a
/// comment. <c>NAME/SUITE</c> takes the package from another Debian suite than bookworm (apt's own
/// syntax for a target release). <c>meta NAME</c> locks the packages a meta package depends on
/// instead of the meta package itself (linux-image-cloud-amd64 names the current kernel ABI).
/// </summary>
internal sealed record PackageList(IReadOnlyList<ListedPackage> Packages, IReadOnlyList<ListedPackage> Metas)
{
    /// <summary>The listed packages' names.</summary>
    public IEnumerable<string> Names => Packages.Select(p => p.Name);

    /// <summary>The meta packages' names.</summary>
    public IEnumerable<string> MetaNames => Metas.Select(p => p.Name);

    /// <summary>Parses the list; every error names the line.</summary>
    public static PackageList Parse(string text, string fileName)
    {
        var names = new List<ListedPackage>();
        var metas = new List<ListedPackage>();
        foreach (var line in ConfigLine.Read(text))
        {
            switch (line.Words)
            {
                case [var spec] when Listed(spec) is { } package:
                    names.Add(package);
                    break;
                case ["meta", var spec] when Listed(spec) is { } package:
                    metas.Add(package);
                    break;
                default:
                    throw new ToolException($"{fileName}:{line.Number}: expected a package name, 'NAME/SUITE' or 'meta NAME', got '{line.Text}'");
            }
        }

        return new PackageList(names, metas);
    }

    /// <summary>A Debian suite's code name: lower-case letters only (bookworm, trixie).</summary>
    internal static bool IsSuiteName(string s) => s.Length >= 2 && s.All(char.IsAsciiLetterLower);

    private static ListedPackage? Listed(string spec) => spec.Split('/') switch
    {
        [var name] when IsPackageName(name) => new ListedPackage(name, AptSource.HostSuite),
        [var name, var suite] when IsPackageName(name) && IsSuiteName(suite) => new ListedPackage(name, suite),
        _ => null,
    };

    // Debian policy 5.6.1: lower-case letters, digits, '+', '-', '.'; at least two characters, starting alphanumeric.
    private static bool IsPackageName(string s) =>
        s.Length >= 2 && char.IsAsciiLetterOrDigit(s[0]) && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '-' or '.');
}
