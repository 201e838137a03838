using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hull.Updates;

/// <summary><c>settings.updates</c> as the updater uses it: where the repository is, and the choice policy.</summary>
internal sealed record UpdateSettings(Uri MetadataBaseUrl, Uri TargetsBaseUrl, UpdatePolicy Policy)
{
    /// <summary>
    /// Reads the <c>updates</c> table (the API's <c>/settings?prefix=settings.updates</c> answer's <c>updates</c>);
    /// a missing or wrong key is a <see cref="FormatException"/> naming it. The API validated the values already;
    /// this guards against reading them wrong.
    /// </summary>
    public static UpdateSettings Parse(JsonNode? updates)
    {
        if (updates is not JsonObject table)
        {
            throw new FormatException("settings.updates is not set");
        }

        var seed = Get(table, "seed", JsonValueKind.Number).GetValue<int>();
        if (seed is < 0 or >= ReleaseManifestParser.SeedLimit)
        {
            throw new FormatException($"settings.updates.seed: {seed} is outside 0-{ReleaseManifestParser.SeedLimit - 1}");
        }

        var lockText = table["version-lock"] is { } lockNode ? lockNode.GetValue<string>() : "latest";
        HullVersion? versionLock = null;
        if (lockText != "latest")
        {
            versionLock = HullVersion.TryParse(lockText, out var locked)
                ? locked
                : throw new FormatException($"settings.updates.version-lock: '{lockText}' is neither latest nor a version like 1.2.3");
        }

        var ignoreWaves = table["ignore-waves"] is { } ignore && ignore.GetValueKind() == JsonValueKind.True;
        return new UpdateSettings(Url(table, "metadata-base-url"), Url(table, "targets-base-url"), new UpdatePolicy(seed, versionLock, ignoreWaves));
    }

    private static JsonNode Get(JsonObject table, string key, JsonValueKind kind) =>
        table[key] is { } node && node.GetValueKind() == kind
            ? node
            : throw new FormatException($"settings.updates.{key} is {(table[key] is null ? "not set" : $"not a {kind.ToString().ToLowerInvariant()}")}");

    private static Uri Url(JsonObject table, string key)
    {
        var text = Get(table, key, JsonValueKind.String).GetValue<string>();
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"settings.updates.{key}: '{text}' is not an http or https URL");
    }
}
