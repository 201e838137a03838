using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hull.Datastore;

/// <summary>
/// Checks a value's JSON text and rewrites it compactly, so that <c>[1, 2]</c> and <c>[1,2]</c> are the
/// same value and a commit that changes only whitespace reports no change.
/// </summary>
internal static class DatastoreValue
{
    // Relaxed escaping keeps non-ASCII text readable in the files; the files are never embedded in HTML.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The canonical text of a setting's value: a scalar or an array. Objects are refused: the caller flattens them into one key per field.</summary>
    public static DatastoreResult<string> Normalise(string key, string json) => Normalise(key, json, allowObject: false);

    /// <summary>The canonical text of a metadata value: any JSON.</summary>
    public static DatastoreResult<string> NormaliseMetadata(string key, string json) => Normalise(key, json, allowObject: true);

    /// <summary>Writes <paramref name="element"/> compactly, with the same escaping as every stored value.</summary>
    public static string Write(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static DatastoreResult<string> Normalise(string key, string json, bool allowObject)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new DatastoreError(DatastoreErrorKind.InvalidValue, key, $"value of '{key}' is not well-formed JSON: {e.Message}");
        }

        using (document)
        {
            if (!allowObject && document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return new DatastoreError(DatastoreErrorKind.InvalidValue, key,
                    $"value of '{key}' is a JSON object; the datastore holds scalars and arrays, so set each field as its own key ('{key}.<field>')");
            }

            return Write(document.RootElement);
        }
    }
}
