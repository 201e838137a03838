using Hull.Interop;

namespace Hull.Tuf;

/// <summary>Local file access shared by the client's trusted store and the repository writer.</summary>
internal static class TufFiles
{
    /// <summary>
    /// Replaces <paramref name="path"/> so a crash leaves the old file or the new one, never a mix: write a temp
    /// file beside it, fsync it, rename it over the target, fsync the directory so the rename survives a power cut.
    /// </summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> contents)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.tmp");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        Libc.SyncDirectory(directory);
    }

    /// <summary>The file's bytes, or null when it does not exist.</summary>
    public static byte[]? ReadIfExists(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
