using System.Text;

namespace Hull.Settings;

/// <summary>
/// Dotted datastore keys, as Bottlerocket writes them: <c>settings.kernel.sysctl."net.ipv4.ip_forward"</c>.
/// A segment made only of ASCII letters, digits, '_' and '-' is written bare; any other segment is
/// double-quoted, with '"' and '\' escaped by a backslash so that every name survives a round trip.
/// </summary>
internal static class SettingsKey
{
    /// <summary>The segment as it appears in a key: bare when it can be, quoted otherwise.</summary>
    public static string Quote(string segment)
    {
        if (segment.Length > 0 && segment.All(IsBareChar))
        {
            return segment;
        }

        var sb = new StringBuilder(segment.Length + 2).Append('"');
        foreach (var c in segment)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }

    /// <summary>The key for a path of segments.</summary>
    public static string Join(IEnumerable<string> segments) => string.Join('.', segments.Select(Quote));

    /// <summary>The key of <paramref name="segment"/> under <paramref name="parent"/> (an already formatted key, possibly empty).</summary>
    public static string Child(string parent, string segment) =>
        parent.Length == 0 ? Quote(segment) : $"{parent}.{Quote(segment)}";

    /// <summary>The segments of a key; a malformed key (empty segment, bad character, unterminated quote) throws <see cref="FormatException"/> naming it.</summary>
    public static IReadOnlyList<string> Split(string key)
    {
        var segments = new List<string>();
        var i = 0;
        while (true)
        {
            var sb = new StringBuilder();
            if (i < key.Length && key[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= key.Length)
                    {
                        throw new FormatException($"settings key {key}: unterminated quoted segment");
                    }

                    var c = key[i++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        if (i >= key.Length)
                        {
                            throw new FormatException($"settings key {key}: backslash at the end");
                        }

                        c = key[i++];
                    }

                    sb.Append(c);
                }
            }
            else
            {
                while (i < key.Length && key[i] != '.')
                {
                    if (!IsBareChar(key[i]))
                    {
                        throw new FormatException($"settings key {key}: '{key[i]}' must be inside a quoted segment");
                    }

                    sb.Append(key[i++]);
                }

                if (sb.Length == 0)
                {
                    throw new FormatException($"settings key {key}: empty segment at offset {i}");
                }
            }

            segments.Add(sb.ToString());
            if (i == key.Length)
            {
                return segments;
            }

            if (key[i] != '.')
            {
                throw new FormatException($"settings key {key}: expected '.' after a quoted segment at offset {i}");
            }

            i++;
        }
    }

    private static bool IsBareChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
