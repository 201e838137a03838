using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hull.Tuf;

/// <summary>
/// Canonical JSON as TUF signs it (OLPC's dialect, as securesystemslib's <c>encode_canonical</c> writes it):
/// object keys sorted by code point, no white space, only integers (no floats), and strings escaping
/// only <c>"</c> and <c>\</c>; every other character, control characters included, is written raw as UTF-8.
/// See http://wiki.laptop.org/go/Canonical_JSON and the TUF spec's "Metaformat" section.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>; throws <see cref="CanonicalJsonException"/> when it has none.</summary>
    public static byte[] Encode(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CanonicalJsonWriter.Write(value, buffer, "$");
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads bytes that must already be canonical (the strict grammar <see cref="Encode"/> writes) into a node;
    /// null for JSON null. Throws <see cref="CanonicalJsonException"/> at the first byte that breaks the form.
    /// </summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> canonical) => new CanonicalJsonReader(canonical).ReadDocument();
}
