using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// The body of <c>PATCH /settings/keypair</c>, as Bottlerocket's apiclient sends it for
/// <c>apiclient set KEY=VALUE ...</c>: <c>{"request_payload": ["motd=hi", "kernel.lockdown=integrity"]}</c>.
/// Each item is split at its first '='; "settings." is added to a key that lacks it; the value is typed
/// the way Bottlerocket's apiserver does it (true/false, then a whole number of 0 or more, then any
/// number, else the text as a string), so <c>motd=42</c> is a number and fails validation as in
/// Bottlerocket. The result is the nested patch that <c>PATCH /settings</c> takes.
/// </summary>
internal static class SettingsKeyPairs
{
    /// <summary>The property holding the pairs.</summary>
    public const string Payload = "request_payload";

    /// <summary>The patch (the object inside "settings") for <paramref name="pairs"/>, or every problem, each naming its item.</summary>
    public static (JsonObject? Patch, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> pairs)
    {
        var patch = new JsonObject();
        var errors = new List<string>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add($"{SettingsJson.Show(pair)} is not KEY=VALUE");
                continue;
            }

            IReadOnlyList<string> segments;
            try
            {
                segments = SettingsKey.Split(pair[..equals]);
            }
            catch (FormatException e)
            {
                errors.Add(e.Message);
                continue;
            }

            if (segments[0] == SettingsValidator.Prefix)
            {
                segments = [.. segments.Skip(1)];
            }

            if (segments.Count == 0)
            {
                errors.Add($"{SettingsJson.Show(pair)} names no setting under settings");
                continue;
            }

            if (Put(patch, segments, Value(pair[(equals + 1)..])) is { } conflict)
            {
                errors.Add(conflict);
            }
        }

        return errors.Count == 0 ? (patch, []) : (null, errors);
    }

    /// <summary>Bottlerocket's typing of a VALUE: a boolean, an unsigned integer, a number, or else a string.</summary>
    internal static JsonNode Value(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.True or JsonValueKind.False:
                    return JsonValue.Create(root.GetBoolean());
                // As a long when it fits: the schema's integer rule reads longs.
                case JsonValueKind.Number when root.TryGetInt64(out var whole) && whole >= 0:
                    return JsonValue.Create(whole);
                case JsonValueKind.Number when root.TryGetUInt64(out var huge):
                    return JsonValue.Create(huge);
                case JsonValueKind.Number when root.TryGetDouble(out var number) && double.IsFinite(number):
                    return JsonValue.Create(number);
            }
        }
        catch (JsonException)
        {
            // Not JSON: a plain string, which is the common case (motd=hello).
        }

        return JsonValue.Create(text);
    }

    // A later pair for the same key wins, as in Bottlerocket; a key under a value (or a value over keys) is refused.
    private static string? Put(JsonObject root, IReadOnlyList<string> segments, JsonNode value)
    {
        var node = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (!node.TryGetPropertyValue(segments[i], out var child))
            {
                child = new JsonObject();
                node[segments[i]] = child;
            }

            node = child as JsonObject;
            if (node is null)
            {
                return $"{SettingsKey.Join(["settings", .. segments])}: {SettingsKey.Join(["settings", .. segments.Take(i + 1)])} is set to a value by another pair, so it cannot hold keys";
            }
        }

        if (node[segments[^1]] is JsonObject)
        {
            return $"{SettingsKey.Join(["settings", .. segments])}: other pairs set keys under it, so it cannot also be a value";
        }

        node[segments[^1]] = value;
        return null;
    }
}
