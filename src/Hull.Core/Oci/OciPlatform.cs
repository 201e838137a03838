using System.Text.Json.Serialization;

namespace Hull.Oci;

/// <summary>The platform of a manifest in an index (image-spec image-index.md).</summary>
public sealed record OciPlatform(
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string Os);
