using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>snapshot.json's "signed" object: the version (and length, hashes) of every targets metadata file.</summary>
public sealed record TufSnapshot : ITufSigned
{
    /// <inheritdoc/>
    [JsonPropertyName("_type")]
    public required string Type { get; init; }

    /// <inheritdoc/>
    [JsonPropertyName("spec_version")]
    public required string SpecVersion { get; init; }

    /// <inheritdoc/>
    [JsonPropertyName("version")]
    public required long Version { get; init; }

    /// <inheritdoc/>
    [JsonPropertyName("expires")]
    [JsonConverter(typeof(TufDateTimeConverter))]
    public required DateTimeOffset Expires { get; init; }

    /// <summary>Metadata files by name (e.g. "targets.json"), never with a version prefix.</summary>
    [JsonPropertyName("meta")]
    public required IReadOnlyDictionary<string, TufMetaFile> Meta { get; init; }

    /// <summary>Fields this code does not know, kept so re-signing preserves them.</summary>
    // Settable, not init: the source generator binds init-only properties like constructor parameters, which extension data cannot be.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
