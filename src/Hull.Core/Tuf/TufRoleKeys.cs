using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>A role in root.json: which keys may sign for it and how many distinct ones must.</summary>
/// <param name="KeyIds">The keyids allowed to sign.</param>
/// <param name="Threshold">How many distinct keys must have signed, at least 1.</param>
public sealed record TufRoleKeys(
    [property: JsonPropertyName("keyids")] IReadOnlyList<string> KeyIds,
    [property: JsonPropertyName("threshold")] int Threshold);
