namespace Hull.Platform;

/// <summary>The state files services publish under /run/hull for the API server to read.</summary>
internal static class StatusFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> in one rename, so a reader never sees half a file.</summary>
    public static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
