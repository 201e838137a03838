using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>A TARGETS entry: a target file's exact length, its hashes and free-form "custom" data (Hull puts release information there).</summary>
/// <param name="Length">The file's size in bytes.</param>
/// <param name="Hashes">Hex digests by algorithm; "sha256" is always present in Hull's repositories.</param>
/// <param name="Custom">Application data signed along with the hashes, or null.</param>
public sealed record TufTargetFile(
    [property: JsonPropertyName("length")] long Length,
    [property: JsonPropertyName("hashes")] IReadOnlyDictionary<string, string> Hashes,
    [property: JsonPropertyName("custom")] JsonElement? Custom = null)
{
    /// <summary>The lower-case hex SHA-256 of the file, or null when the entry lists none.</summary>
    [JsonIgnore]
    public string? Sha256 => Hashes.GetValueOrDefault(TufHashes.Sha256);
}
