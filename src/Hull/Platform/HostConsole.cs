namespace Hull.Platform;

/// <summary>The serial console, for what must be seen without the API (first-boot problems, a failed bootstrap).</summary>
internal static class HostConsole
{
    /// <summary>A writer on /dev/console, or stdout when there is none (tests, a sandbox).</summary>
    public static TextWriter Open()
    {
        try
        {
            return TextWriter.Synchronized(new StreamWriter(new FileStream("/dev/console", FileMode.Open, FileAccess.Write)) { AutoFlush = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Console.Out;
        }
    }
}
