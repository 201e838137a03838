using System.Text.Json.Serialization;

namespace Hull.Oci;

/// <summary>index.json of an image layout (image-spec image-index.md).</summary>
public sealed record OciIndex(
    [property: JsonPropertyName("manifests")] IReadOnlyList<OciDescriptor> Manifests)
{
    [JsonPropertyName("schemaVersion")]
    [JsonPropertyOrder(-2)]
    public int SchemaVersion { get; init; } = 2;

    [JsonPropertyName("mediaType")]
    [JsonPropertyOrder(-1)]
    public string MediaType { get; init; } = OciMediaTypes.Index;
}
