using Hull.Interop;

namespace Hull.Platform;

/// <summary>Files on STATE that must survive a power cut whole.</summary>
internal static class DurableFile
{
    /// <summary>
    /// Replaces <paramref name="path"/> so a crash leaves the old file or the new one, never a mix: write a temp
    /// file beside it, fsync it, rename it over the target, fsync the directory so the rename survives a power cut.
    /// </summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> contents)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.tmp");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        Libc.SyncDirectory(directory);
    }
}
