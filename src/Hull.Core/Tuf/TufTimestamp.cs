using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>timestamp.json's "signed" object: the current snapshot.json, re-signed often to bound freeze attacks.</summary>
public sealed record TufTimestamp : ITufSigned
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

    /// <summary>Exactly one entry, "snapshot.json".</summary>
    [JsonPropertyName("meta")]
    public required IReadOnlyDictionary<string, TufMetaFile> Meta { get; init; }

    /// <summary>Fields this code does not know, kept so re-signing preserves them.</summary>
    // Settable, not init: the source generator binds init-only properties like constructor parameters, which extension data cannot be.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
