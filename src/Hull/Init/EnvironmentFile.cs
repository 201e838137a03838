namespace Hull.Init;

/// <summary>
/// A service's environment file: NAME=VALUE lines, blank lines and #-comments ignored, the value taken
/// verbatim up to the end of the line (no quoting: the settings that render it refuse control characters).
/// </summary>
internal static class EnvironmentFile
{
    /// <summary>The variables of <paramref name="path"/> (none when it does not exist) and each line that was not NAME=VALUE, named by file and line.</summary>
    public static (IReadOnlyList<KeyValuePair<string, string>> Variables, IReadOnlyList<string> Problems) Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], [$"{path}: {e.Message}"]);
        }

        return Parse(lines, path);
    }

    /// <summary>The variables of <paramref name="lines"/>, as read from <paramref name="path"/>.</summary>
    public static (IReadOnlyList<KeyValuePair<string, string>> Variables, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> lines, string path)
    {
        var variables = new List<KeyValuePair<string, string>>();
        var problems = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimStart();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !IsName(line.AsSpan(0, equals)))
            {
                problems.Add($"{path} line {i + 1}: not NAME=VALUE (a name is letters, digits and _, not starting with a digit)");
                continue;
            }

            variables.Add(KeyValuePair.Create(line[..equals], line[(equals + 1)..]));
        }

        return (variables, problems);
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return !char.IsAsciiDigit(name[0]);
    }
}
