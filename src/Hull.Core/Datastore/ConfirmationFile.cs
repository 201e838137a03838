using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hull.Datastore;

/// <summary><c>confirmation.json</c>: the commit awaiting confirmation (<see cref="ConfirmationJson"/>), indented for cat.</summary>
internal static class ConfirmationFile
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The file contents for <paramref name="confirmation"/>.</summary>
    public static byte[] Write(PendingConfirmation confirmation)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            ConfirmationJson.Write(writer, confirmation);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a file written by <see cref="Write"/>; anything else throws <see cref="DatastoreException"/> naming <paramref name="path"/>.</summary>
    public static PendingConfirmation Read(byte[] contents, string path)
    {
        using var document = DatastoreJson.ParseObject(contents, path);
        return ConfirmationJson.Read(document.RootElement, path);
    }
}
