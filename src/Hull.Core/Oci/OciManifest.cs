using System.Text.Json.Serialization;

namespace Hull.Oci;

/// <summary>An image manifest (image-spec manifest.md): the config and the layers, by digest.</summary>
public sealed record OciManifest(
    [property: JsonPropertyName("config")] OciDescriptor Config,
    [property: JsonPropertyName("layers")] IReadOnlyList<OciDescriptor> Layers)
{
    [JsonPropertyName("schemaVersion")]
    [JsonPropertyOrder(-2)]
    public int SchemaVersion { get; init; } = 2;

    [JsonPropertyName("mediaType")]
    [JsonPropertyOrder(-1)]
    public string MediaType { get; init; } = OciMediaTypes.Manifest;
}
