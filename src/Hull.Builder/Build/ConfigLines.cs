namespace Hull.Builder.Build;

/// <summary>One meaningful line of an image/*.txt file: its number (for errors) and its words.</summary>
internal readonly record struct ConfigLine(int Number, string Text, string[] Words)
{
    /// <summary>The lines of <paramref name="text"/> with '#' comments and blank lines dropped, split on spaces.</summary>
    public static IEnumerable<ConfigLine> Read(string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length > 0)
            {
                yield return new ConfigLine(number, line, line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }
}
