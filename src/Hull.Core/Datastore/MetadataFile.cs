using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hull.Datastore;

/// <summary>The metadata file: one JSON object from canonical key to an object of metadata name → value.</summary>
internal static class MetadataFile
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The file contents for <paramref name="metadata"/>; values must already be canonical.</summary>
    public static byte[] Write(SortedDictionary<string, SortedDictionary<string, string>> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            foreach (var (key, names) in metadata)
            {
                writer.WriteStartObject(key);
                foreach (var (name, value) in names)
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(value, skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a file written by <see cref="Write"/>; anything else throws <see cref="DatastoreException"/> naming <paramref name="path"/>.</summary>
    public static SortedDictionary<string, SortedDictionary<string, string>> Read(byte[] contents, string path)
    {
        using var document = DatastoreJson.ParseObject(contents, path);
        var metadata = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw DatastoreJson.Corrupt(path, $"the metadata of '{entry.Name}' is not an object");
            }

            var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in entry.Value.EnumerateObject())
            {
                var target = MetadataRequest.ValidateTarget(entry.Name, property.Name);
                if (!target.Succeeded || target.Value != entry.Name || !names.TryAdd(property.Name, DatastoreValue.Write(property.Value)))
                {
                    throw DatastoreJson.Corrupt(path, $"'{entry.Name}' / '{property.Name}' is not a canonical key and metadata name, or appears twice");
                }
            }

            if (!metadata.TryAdd(entry.Name, names))
            {
                throw DatastoreJson.Corrupt(path, $"'{entry.Name}' appears twice");
            }
        }

        return metadata;
    }
}
