using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// The note the apiserver keeps with a commit awaiting confirmation, in the datastore: what the files its new
/// keys affect held before (<c>{"files": [{"name", "path", "content"}]}</c>), so a revert can hand them back.
/// </summary>
internal static class ConfirmationNote
{
    public static string Write(IReadOnlyList<CapturedFile> files) => new JsonObject
    {
        ["files"] = new JsonArray([.. files.Select(f => new JsonObject { ["name"] = f.Name, ["path"] = f.Path, ["content"] = f.Content })]),
    }.ToJsonString();

    /// <summary>The files in <paramref name="note"/>; none when there is no note or it is not one of ours.</summary>
    public static IReadOnlyList<CapturedFile> Read(string? note)
    {
        var captured = new List<CapturedFile>();
        try
        {
            if (note is not null && JsonNode.Parse(note)?["files"] is JsonArray files)
            {
                foreach (var file in files.OfType<JsonObject>())
                {
                    if (file["name"] is JsonValue name && file["path"] is JsonValue path)
                    {
                        captured.Add(new CapturedFile(name.GetValue<string>(), path.GetValue<string>(), (file["content"] as JsonValue)?.GetValue<string>()));
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return [];
        }

        return captured;
    }
}
