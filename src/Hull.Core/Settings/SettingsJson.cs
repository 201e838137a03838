using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>How settings values are written as JSON text, in the datastore and in messages.</summary>
internal static class SettingsJson
{
    // Relaxed escaping keeps non-ASCII text and '<', '&' readable, as serde_json writes them in Bottlerocket's
    // datastore. A plain writer, not serializer options, so no type-info resolver is ever consulted under AOT.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON text of a value; <c>null</c> is written as <c>null</c>.</summary>
    public static string Write(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A string value as it appears in a message: JSON-quoted (so a newline shows as \n), cut after 80 characters.</summary>
    public static string Show(string value) =>
        Write(JsonValue.Create(value.Length <= 80 ? value : value[..80])) + (value.Length <= 80 ? "" : "…");

    /// <summary>The JSON type of a node in words, for "expected X, got Y".</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a table",
        JsonArray => "an array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
    };
}
