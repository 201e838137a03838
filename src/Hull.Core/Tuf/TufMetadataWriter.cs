using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hull.Tuf;

/// <summary>Signs a role object and writes the file: {"signatures": [...], "signed": {...}}, indented for people, signed in canonical form.</summary>
internal static class TufMetadataWriter
{
    /// <summary>The file bytes of <paramref name="signed"/> signed by every one of <paramref name="signers"/>; no threshold is checked here.</summary>
    public static byte[] Write<T>(T signed, JsonTypeInfo<T> info, IEnumerable<TufSigner> signers)
    {
        var element = JsonSerializer.SerializeToElement(signed, info);
        var canonical = CanonicalJson.Encode(element);
        return Write([.. signers.Select(s => s.Sign(canonical))], element);
    }

    /// <summary>An envelope around an already signed object.</summary>
    public static byte[] Write(IReadOnlyList<TufSignature> signatures, JsonElement signed)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps release text such as "2.0+build" readable; files are never embedded in HTML,
        // and the signatures cover the canonical form, not these bytes.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, new TufEnvelope(signatures, signed), TufJsonContext.Default.TufEnvelope);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
