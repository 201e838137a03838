using System.Text.Json;

namespace Hull.Datastore;

/// <summary>Parsing shared by the datastore's files: a torn or garbled file is an error naming it, never an empty map.</summary>
internal static class DatastoreJson
{
    /// <summary>Parses <paramref name="contents"/> as one JSON object (strict UTF-8, no comments, nothing after it).</summary>
    public static JsonDocument ParseObject(byte[] contents, string path) => Parse(contents, path, JsonValueKind.Object);

    /// <summary>Parses <paramref name="contents"/> as one JSON array, as strictly.</summary>
    public static JsonDocument ParseArray(byte[] contents, string path) => Parse(contents, path, JsonValueKind.Array);

    private static JsonDocument Parse(byte[] contents, string path, JsonValueKind kind)
    {
        if (!System.Text.Unicode.Utf8.IsValid(contents))
        {
            throw Corrupt(path, "not UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(contents);
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"not well-formed JSON ({e.Message})");
        }

        if (document.RootElement.ValueKind != kind)
        {
            document.Dispose();
            throw Corrupt(path, kind == JsonValueKind.Object ? "not a JSON object" : "not a JSON array");
        }

        return document;
    }

    /// <summary>The exception for a file that is not what the datastore wrote.</summary>
    public static DatastoreException Corrupt(string path, string why) =>
        new(new DatastoreError(DatastoreErrorKind.Corrupt, path, $"datastore file {path} is unreadable: {why}"));
}
