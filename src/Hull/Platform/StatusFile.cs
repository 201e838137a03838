using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

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

    /// <summary>The list a service published at <paramref name="path"/>; null before it has (or while it cannot be read).</summary>
    public static List<T>? ReadList<T>(string path, JsonTypeInfo<List<T>> type)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), type);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
