using System.Text.Json.Serialization;

namespace Hull.Oci;

/// <summary>A content descriptor (image-spec descriptor.md): what a blob is, its digest and size.</summary>
public sealed record OciDescriptor(
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size)
{
    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    [JsonPropertyName("platform")]
    public OciPlatform? Platform { get; init; }
}
