using Hull.Platform;

namespace Hull.Tuf;

/// <summary>Local file access shared by the client's trusted store and the repository writer.</summary>
internal static class TufFiles
{
    /// <summary>Replaces <paramref name="path"/> whole or not at all (<see cref="DurableFile.WriteAtomic"/>).</summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> contents) => DurableFile.WriteAtomic(path, contents);

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
