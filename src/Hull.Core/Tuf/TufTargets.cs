using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>targets.json's "signed" object: the files clients may install (spec "File formats: targets.json").</summary>
/// <remarks>Delegations are not followed: a "delegations" field is kept in <see cref="Extra"/> and otherwise ignored.</remarks>
public sealed record TufTargets : ITufSigned
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

    /// <summary>Target files by path (relative to the targets folder, '/'-separated).</summary>
    [JsonPropertyName("targets")]
    public required IReadOnlyDictionary<string, TufTargetFile> Targets { get; init; }

    /// <summary>Fields this code does not know, kept so re-signing preserves them.</summary>
    // Settable, not init: the source generator binds init-only properties like constructor parameters, which extension data cannot be.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
