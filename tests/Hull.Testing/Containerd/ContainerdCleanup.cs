namespace Hull.Testing.Containerd;

/// <summary>What a killed test containerd leaves behind: shims still running containers, and mounts in its folder.</summary>
internal static class ContainerdCleanup
{
    /// <summary>SIGKILLs every shim started for <paramref name="socketPath"/>, and the containers under it first.</summary>
    public static void KillShims(string socketPath)
    {
        var processes = ReadProcesses();
        // A shim is started with "-address <containerd's socket>": that is how we know it is ours.
        var shims = processes.Where(p => p.CommandLine.Contains("containerd-shim", StringComparison.Ordinal)
            && p.CommandLine.Contains(socketPath, StringComparison.Ordinal)).ToList();
        foreach (var shim in shims)
        {
            // Containers are the shim's children (it is their subreaper): kill them before it.
            foreach (var pid in Descendants(shim.Pid, processes).Reverse())
            {
                Kill(pid);
            }

            Kill(shim.Pid);
        }
    }

    /// <summary>Lazily unmounts everything mounted under <paramref name="directory"/> (rootfs overlays, /dev/shm of pods), deepest first.</summary>
    public static void UnmountUnder(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        var mountPoints = File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var point in mountPoints)
        {
            ExternalTool.Run("umount", "-l", point);
        }
    }

    private static IEnumerable<int> Descendants(int parent, IReadOnlyList<ProcessEntry> processes)
    {
        foreach (var child in processes.Where(p => p.ParentPid == parent))
        {
            yield return child.Pid;
            foreach (var grandchild in Descendants(child.Pid, processes))
            {
                yield return grandchild;
            }
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static List<ProcessEntry> ReadProcesses()
    {
        var entries = new List<ProcessEntry>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parens.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var afterComm = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                entries.Add(new ProcessEntry(pid, int.Parse(afterComm[1], System.Globalization.CultureInfo.InvariantCulture), commandLine));
            }
            catch (IOException)
            {
                // It exited while we looked.
            }
        }

        return entries;
    }

    private sealed record ProcessEntry(int Pid, int ParentPid, string CommandLine);
}
