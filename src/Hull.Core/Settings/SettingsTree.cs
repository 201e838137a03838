using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// Converts between the nested JSON of the API (<c>{"ntp":{"time-servers":["a"]}}</c>) and the flat
/// key → JSON text map of the datastore (<c>settings.ntp.time-servers = ["a"]</c>). Objects recurse;
/// scalars and arrays are leaves, so an array of objects (registry mirrors) stays one value.
/// </summary>
internal static class SettingsTree
{
    /// <summary>The leaves of <paramref name="settings"/> under dotted keys starting with <paramref name="prefix"/> (none when empty). Empty objects have no leaves and vanish.</summary>
    public static SortedDictionary<string, string> Flatten(JsonObject settings, string prefix = "settings")
    {
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Collect(settings, prefix, flat);
        return flat;
    }

    /// <summary>
    /// The nested object of the keys under <paramref name="prefix"/> (all keys when null or empty); keys outside
    /// it are skipped. A malformed key, a value that is not JSON, or a key that is both a leaf and a parent throws
    /// <see cref="FormatException"/> naming the key: the datastore only holds what <see cref="Flatten"/> wrote.
    /// </summary>
    public static JsonObject Unflatten(IReadOnlyDictionary<string, string> flat, string? prefix = "settings")
    {
        var root = new JsonObject();
        var start = string.IsNullOrEmpty(prefix) ? "" : prefix + ".";
        foreach (var (key, text) in flat)
        {
            if (!key.StartsWith(start, StringComparison.Ordinal))
            {
                continue;
            }

            var segments = SettingsKey.Split(key[start.Length..]);
            var parent = root;
            for (var i = 0; i < segments.Count - 1; i++)
            {
                if (!parent.TryGetPropertyValue(segments[i], out var child))
                {
                    child = new JsonObject();
                    parent[segments[i]] = child;
                }

                parent = child as JsonObject
                    ?? throw new FormatException($"{key}: {SettingsKey.Join(segments.Take(i + 1))} is a value and cannot also hold keys");
            }

            if (parent.ContainsKey(segments[^1]))
            {
                throw new FormatException($"{key}: the key is given twice or also holds keys");
            }

            parent[segments[^1]] = Parse(key, text);
        }

        return root;
    }

    private static void Collect(JsonObject node, string prefix, SortedDictionary<string, string> flat)
    {
        foreach (var (name, value) in node)
        {
            var key = SettingsKey.Child(prefix, name);
            if (value is JsonObject child)
            {
                Collect(child, key, flat);
            }
            else
            {
                flat[key] = SettingsJson.Write(value);
            }
        }
    }

    private static JsonNode? Parse(string key, string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            return node is JsonObject
                ? throw new FormatException($"{key}: a leaf value cannot be an object (objects are stored as keys)")
                : node;
        }
        catch (JsonException e)
        {
            throw new FormatException($"{key}: the stored value is not JSON: {e.Message}", e);
        }
    }
}
