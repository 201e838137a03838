using System.Text;

namespace Hull.Datastore;

/// <summary>
/// A setting key: a dotted path such as <c>settings.ntp.time-servers</c>. A segment that is not
/// <c>[A-Za-z0-9_-]+</c> is written in double quotes, as in <c>settings.kernel.sysctl."net.ipv4.ip_forward"</c>,
/// the spelling Bottlerocket's API uses. The text form (<see cref="ToString"/>) is canonical: a segment
/// is quoted exactly when it has to be, so two spellings of one key become the same string.
/// </summary>
internal sealed class DatastoreKey : IEquatable<DatastoreKey>
{
    /// <summary>The syntax, quoted in every error so the caller can fix the key without reading code.</summary>
    public const string Rule =
        "segments are separated by '.' and non-empty; an unquoted segment is [A-Za-z0-9_-]+; " +
        "a quoted segment is \"...\" around printable ASCII other than '\"'";

    private readonly string[] _segments;
    private readonly string _text;

    private DatastoreKey(string[] segments)
    {
        _segments = segments;
        _text = string.Join('.', segments.Select(FormatSegment));
    }

    /// <summary>The segments, unquoted.</summary>
    public IReadOnlyList<string> Segments => _segments;

    /// <summary>Parses <paramref name="text"/>; an error names the key and the rule it breaks.</summary>
    public static DatastoreResult<DatastoreKey> Parse(string text)
    {
        var segments = new List<string>();
        var i = 0;
        while (true)
        {
            string segment;
            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return Invalid(text, $"the quote at offset {i} is never closed");
                }

                segment = text[(i + 1)..close];
                i = close + 1;
                if (segment.Length > 0 && !IsQuotable(segment))
                {
                    return Invalid(text, $"quoted segment {segments.Count + 1} has a character outside printable ASCII");
                }
            }
            else
            {
                var end = text.IndexOf('.', i);
                end = end < 0 ? text.Length : end;
                segment = text[i..end];
                i = end;
                if (segment.Length > 0 && !IsBare(segment))
                {
                    return Invalid(text, $"segment {segments.Count + 1} '{segment}' needs quotes");
                }
            }

            if (segment.Length == 0)
            {
                return Invalid(text, $"segment {segments.Count + 1} is empty");
            }

            segments.Add(segment);
            if (i == text.Length)
            {
                return new DatastoreKey([.. segments]);
            }

            if (text[i] != '.')
            {
                return Invalid(text, $"expected '.' at offset {i} after a quoted segment");
            }

            i++;
        }
    }

    /// <summary>Builds a key from unquoted segments (e.g. the field names of a settings object being flattened).</summary>
    public static DatastoreResult<DatastoreKey> FromSegments(IReadOnlyList<string> segments)
    {
        var text = string.Join('.', segments);
        if (segments.Count == 0)
        {
            return Invalid(text, "it has no segments");
        }

        for (var n = 0; n < segments.Count; n++)
        {
            if (segments[n].Length == 0 || !IsQuotable(segments[n]))
            {
                return Invalid(text, $"segment {n + 1} '{segments[n]}' is empty or has a character outside printable ASCII or a '\"'");
            }
        }

        return new DatastoreKey([.. segments]);
    }

    /// <summary>True when this key is <paramref name="prefix"/> or lies under it, comparing whole segments.</summary>
    public bool StartsWith(DatastoreKey prefix) =>
        prefix._segments.Length <= _segments.Length &&
        prefix._segments.AsSpan().SequenceEqual(_segments.AsSpan(0, prefix._segments.Length));

    /// <summary>The canonical text: quoted only where a segment needs it.</summary>
    public override string ToString() => _text;

    /// <inheritdoc/>
    public bool Equals(DatastoreKey? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DatastoreKey);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>True for a segment that needs no quotes: <c>[A-Za-z0-9_-]+</c>; also the rule for transaction and metadata names.</summary>
    public static bool IsBare(ReadOnlySpan<char> segment)
    {
        foreach (var c in segment)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return !segment.IsEmpty;
    }

    private static bool IsQuotable(string segment)
    {
        foreach (var c in segment)
        {
            if (c < ' ' || c > '~' || c == '"')
            {
                return false;
            }
        }

        return true;
    }

    private static string FormatSegment(string segment) =>
        IsBare(segment) ? segment : new StringBuilder(segment.Length + 2).Append('"').Append(segment).Append('"').ToString();

    private static DatastoreError Invalid(string text, string why) =>
        new(DatastoreErrorKind.InvalidKey, text, $"invalid key '{text}': {why}; {Rule}");
}
