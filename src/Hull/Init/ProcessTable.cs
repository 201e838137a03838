using System.Globalization;

namespace Hull.Init;

/// <summary>The processes in a /proc tree that a signal from PID 1 can stop.</summary>
internal static class ProcessTable
{
    /// <summary>
    /// Every process but PID 1 that runs a program: kernel threads have an empty command line, and so do
    /// zombies, which .NET's SIGCHLD handling reaps.
    /// </summary>
    public static IReadOnlyList<int> UserProcesses(string procRoot)
    {
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == 1)
            {
                continue;
            }

            try
            {
                using var cmdline = File.OpenRead(Path.Combine(directory, "cmdline"));
                if (cmdline.ReadByte() >= 0)
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone while we looked.
            }
        }

        pids.Sort();
        return pids;
    }
}
