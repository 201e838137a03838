namespace Hull.Bench.Compare;

/// <summary>What a root file system holds: regular files and their bytes, executables (any x bit), setuid and setgid files.</summary>
internal sealed record TreeCensus(int Files, long FileBytes, int Executables, int Setuid, int Setgid)
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// Walks the tree at <paramref name="root"/> without following symbolic links. <paramref name="excluded"/> are paths
    /// in the image ("/usr/local/lib/hull-bench") left out: the benchmark's own instruments.
    /// </summary>
    public static TreeCensus Of(string root, IReadOnlyCollection<string> excluded)
    {
        int files = 0, executables = 0, setuid = 0, setgid = 0;
        long bytes = 0;
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                if (excluded.Contains("/" + Path.GetRelativePath(root, entry.FullName)) || entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo sub)
                {
                    pending.Push(sub);
                    continue;
                }

                // Device nodes and FIFOs have no length worth counting and are not programs; .NET has no file type, but they have no x bit.
                var file = (FileInfo)entry;
                var mode = file.UnixFileMode;
                files++;
                bytes += file.Length;
                executables += (mode & AnyExecute) != 0 ? 1 : 0;
                setuid += (mode & UnixFileMode.SetUser) != 0 ? 1 : 0;
                setgid += (mode & UnixFileMode.SetGroup) != 0 ? 1 : 0;
            }
        }

        return new TreeCensus(files, bytes, executables, setuid, setgid);
    }
}
