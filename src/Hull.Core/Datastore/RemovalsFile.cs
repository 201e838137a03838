using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hull.Datastore;

/// <summary>
/// A transaction's removals file: a JSON array of the canonical keys it removes, sorted, one per line, so an
/// operator can read it with cat. It sits beside the transaction's pending file, and only while there are some.
/// </summary>
internal static class RemovalsFile
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The file contents for <paramref name="keys"/> (canonical, sorted).</summary>
    public static byte[] Write(IEnumerable<string> keys)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartArray();
            foreach (var key in keys)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a file written by <see cref="Write"/>; anything else throws <see cref="DatastoreException"/> naming <paramref name="path"/>.</summary>
    public static SortedSet<string> Read(byte[] contents, string path)
    {
        using var document = DatastoreJson.ParseArray(contents, path);
        var keys = PendingTransaction.NewRemovals();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            keys.Add(CanonicalKey(item, path));
        }

        return keys;
    }

    /// <summary>The canonical key <paramref name="item"/> holds; anything else throws naming <paramref name="where"/>.</summary>
    public static string CanonicalKey(JsonElement item, string where)
    {
        if (item.ValueKind == JsonValueKind.String && item.GetString() is { } text && DatastoreKey.Parse(text) is { Succeeded: true } key && key.Value.ToString() == text)
        {
            return text;
        }

        throw DatastoreJson.Corrupt(where, $"{item.GetRawText()} is not a canonical setting key");
    }
}
