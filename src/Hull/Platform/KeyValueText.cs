namespace Hull.Platform;

/// <summary>
/// Text made of KEY=VALUE lines, as the kernel's uevent files and os-release(5) are written.
/// A key given twice keeps its last value; lines without '=' are skipped.
/// </summary>
internal static class KeyValueText
{
    /// <param name="text">The file's text.</param>
    /// <param name="unquote">Strip surrounding double quotes from values (os-release allows them).</param>
    public static Dictionary<string, string> Parse(string text, bool unquote = false) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0].Trim())
            .ToDictionary(g => g.Key, g => unquote ? g.Last()[1].Trim().Trim('"') : g.Last()[1], StringComparer.Ordinal);
}
