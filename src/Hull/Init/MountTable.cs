using System.Text;

namespace Hull.Init;

/// <summary>Reads /proc/self/mountinfo (proc(5)): mount points, in the order they were mounted.</summary>
internal static class MountTable
{
    /// <summary>
    /// The mount points at or below any of <paramref name="roots"/>, last mounted first: a mount made
    /// on top of another is always listed after it, so this order unmounts children before parents.
    /// </summary>
    public static IReadOnlyList<string> BelowInUnmountOrder(IEnumerable<string> mountinfoLines, IReadOnlyList<string> roots)
    {
        var targets = new List<string>();
        foreach (var line in mountinfoLines)
        {
            var fields = line.Split(' ');
            if (fields.Length < 5)
            {
                continue;
            }

            var target = Unescape(fields[4]);
            if (roots.Any(r => target == r || target.StartsWith(r + "/", StringComparison.Ordinal)))
            {
                targets.Add(target);
            }
        }

        targets.Reverse();
        return targets;
    }

    // The kernel writes space, tab, newline and backslash in a path as \ooo (three octal digits).
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                bytes.Add((byte)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(string s, int start) =>
        start + 2 < s.Length && s[start] is >= '0' and <= '3' && s[start + 1] is >= '0' and <= '7' && s[start + 2] is >= '0' and <= '7';
}
