using Hull.Builder.Build;
using Hull.Builder.Tools;

namespace Hull.Builder.Debian;

/// <summary>
/// The packages the image is made from (image/packages.txt): one name per line, '#' starts a
/// comment. <c>meta NAME</c> locks the packages a meta package depends on instead of the meta
/// package itself (linux-image-cloud-amd64 names the current kernel ABI).
/// </summary>
internal sealed record PackageList(IReadOnlyList<string> Names, IReadOnlyList<string> MetaNames)
{
    /// <summary>Parses the list; every error names the line.</summary>
    public static PackageList Parse(string text, string fileName)
    {
        var names = new List<string>();
        var metas = new List<string>();
        foreach (var line in ConfigLine.Read(text))
        {
            switch (line.Words)
            {
                case [var name] when IsPackageName(name):
                    names.Add(name);
                    break;
                case ["meta", var name] when IsPackageName(name):
                    metas.Add(name);
                    break;
                default:
                    throw new ToolException($"{fileName}:{line.Number}: expected a package name or 'meta NAME', got '{line.Text}'");
            }
        }

        return new PackageList(names, metas);
    }

    // Debian policy 5.6.1: lower-case letters, digits, '+', '-', '.'; at least two characters, starting alphanumeric.
    private static bool IsPackageName(string s) =>
        s.Length >= 2 && char.IsAsciiLetterOrDigit(s[0]) && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '-' or '.');
}
