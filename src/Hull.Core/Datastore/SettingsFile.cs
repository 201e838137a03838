using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hull.Datastore;

/// <summary>
/// The live file and each pending file: one JSON object from canonical key to value, sorted, indented,
/// so an operator can read it with cat. Values are embedded as JSON, not as strings of JSON.
/// </summary>
internal static class SettingsFile
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The file contents for <paramref name="map"/>; values must already be canonical.</summary>
    public static byte[] Write(IEnumerable<KeyValuePair<string, string>> map)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in map)
            {
                writer.WritePropertyName(key);
                writer.WriteRawValue(value, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a file written by <see cref="Write"/>; anything else throws <see cref="DatastoreException"/> naming <paramref name="path"/>.</summary>
    public static SortedDictionary<string, string> Read(byte[] contents, string path)
    {
        using var document = DatastoreJson.ParseObject(contents, path);
        var map = SettingsMap.Create();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var key = DatastoreKey.Parse(property.Name);
            if (!key.Succeeded || key.Value.ToString() != property.Name)
            {
                throw DatastoreJson.Corrupt(path, $"'{property.Name}' is not a canonical setting key");
            }

            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                throw DatastoreJson.Corrupt(path, $"the value of '{property.Name}' is an object");
            }

            if (!map.TryAdd(property.Name, DatastoreValue.Write(property.Value)))
            {
                throw DatastoreJson.Corrupt(path, $"'{property.Name}' appears twice");
            }
        }

        return map;
    }
}
