using System.Text.Json.Serialization;

namespace Hull.Oci;

/// <summary>The oci-layout file at the root of an image layout (image-spec image-layout.md).</summary>
public sealed record OciLayoutMarker
{
    [JsonPropertyName("imageLayoutVersion")]
    public string ImageLayoutVersion { get; init; } = "1.0.0";
}
