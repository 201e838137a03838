using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>root.json's "signed" object: every top-level role's keys and threshold (spec "File formats: root.json").</summary>
public sealed record TufRoot : ITufSigned
{
    /// <inheritdoc/>
    [JsonPropertyName("_type")]
    public required string Type { get; init; }

    /// <inheritdoc/>
    [JsonPropertyName("spec_version")]
    public required string SpecVersion { get; init; }

    /// <summary>Whether metadata and targets are also published under VERSION./HASH. names; absent means false.</summary>
    [JsonPropertyName("consistent_snapshot")]
    public bool? ConsistentSnapshot { get; init; }

    /// <inheritdoc/>
    [JsonPropertyName("version")]
    public required long Version { get; init; }

    /// <inheritdoc/>
    [JsonPropertyName("expires")]
    [JsonConverter(typeof(TufDateTimeConverter))]
    public required DateTimeOffset Expires { get; init; }

    /// <summary>Public keys by keyid (the hex SHA-256 of the key's canonical JSON).</summary>
    [JsonPropertyName("keys")]
    public required IReadOnlyDictionary<string, TufKey> Keys { get; init; }

    /// <summary>Each role's keyids and threshold; root, targets, snapshot and timestamp must all be present.</summary>
    [JsonPropertyName("roles")]
    public required IReadOnlyDictionary<string, TufRoleKeys> Roles { get; init; }

    /// <summary>Fields this code does not know, kept so re-signing preserves them (spec "Document formats").</summary>
    // Settable, not init: the source generator binds init-only properties like constructor parameters, which extension data cannot be.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The keyids and threshold of <paramref name="role"/>, or null when root.json does not define it.</summary>
    public TufRoleKeys? Role(string role) => Roles.GetValueOrDefault(role);
}
