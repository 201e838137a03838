using Hull.Builder.Build;
using Hull.Builder.Tools;

namespace Hull.Builder.Rootfs;

/// <summary>One line of image/rootfs.txt: a path (or pattern) inside a package, or a symlink of our own ("link /PATH TARGET").</summary>
internal sealed record RootfsEntry(string Package, string Pattern, string? LinkTarget = null);

/// <summary>image/rootfs.txt: which files of which package go into the root.</summary>
internal static class RootfsManifest
{
    /// <summary>The word that starts a symlink line instead of a package name.</summary>
    public const string LinkKeyword = "link";

    /// <summary>Parses "PACKAGE /PATH" and "link /PATH TARGET" lines; errors name the line.</summary>
    public static IReadOnlyList<RootfsEntry> Parse(string text, string fileName)
    {
        var entries = new List<RootfsEntry>();
        foreach (var line in ConfigLine.Read(text))
        {
            var words = line.Words;
            if (words.Length == 3 && words[0] == LinkKeyword && words[1].StartsWith('/') && !words[2].StartsWith('/'))
            {
                entries.Add(new RootfsEntry(LinkKeyword, words[1], words[2]));
                continue;
            }

            if (words.Length != 2 || words[0] == LinkKeyword || !words[1].StartsWith('/') || words[1].Contains("..", StringComparison.Ordinal))
            {
                throw new ToolException($"{fileName}:{line.Number}: expected 'PACKAGE /ABSOLUTE/PATH' or 'link /ABSOLUTE/PATH RELATIVE-TARGET', got '{line.Text}'");
            }

            entries.Add(new RootfsEntry(words[0], words[1]));
        }

        return entries;
    }

    /// <summary>Where a package path lands in the merged-usr root: /lib, /lib64, /bin and /sbin move under /usr.</summary>
    public static string MergedUsrPath(string path)
    {
        foreach (var top in (string[])["/lib/", "/lib64/", "/bin/", "/sbin/"])
        {
            if (path.StartsWith(top, StringComparison.Ordinal))
            {
                return "/usr" + path;
            }
        }

        return path;
    }

    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/>, where '*' matches any run of characters.</summary>
    public static bool Matches(string pattern, string name)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return pattern == name;
        }

        var prefix = pattern[..star];
        var rest = pattern[(star + 1)..];
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = prefix.Length; i <= name.Length; i++)
        {
            if (Matches(rest, name[i..]))
            {
                return true;
            }
        }

        return false;
    }
}
