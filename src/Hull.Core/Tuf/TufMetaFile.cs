using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>A METAFILES entry in snapshot.json or timestamp.json: the referred file's version, and optionally its length and hashes.</summary>
/// <param name="Version">The version inside the referred file.</param>
/// <param name="Length">Its exact size in bytes, when listed; otherwise the client's own limit applies.</param>
/// <param name="Hashes">Hex digests by algorithm ("sha256", "sha512"), when listed.</param>
public sealed record TufMetaFile(
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("length")] long? Length = null,
    [property: JsonPropertyName("hashes")] IReadOnlyDictionary<string, string>? Hashes = null);
