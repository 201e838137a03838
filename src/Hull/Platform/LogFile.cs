namespace Hull.Platform;

/// <summary>Reading the end of a log file another process is still appending to.</summary>
internal static class LogFile
{
    /// <summary>The last <paramref name="count"/> lines of <paramref name="file"/>, oldest first.</summary>
    public static IReadOnlyCollection<string> LastLines(string file, int count)
    {
        // Shared with the writer (PID 1 or containerd appends while we read).
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var last = new Queue<string>(count);
        while (reader.ReadLine() is { } line)
        {
            if (last.Count == count)
            {
                last.Dequeue();
            }

            last.Enqueue(line);
        }

        return last;
    }
}
