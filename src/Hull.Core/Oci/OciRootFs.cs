using System.Text.Json.Serialization;

namespace Hull.Oci;

/// <summary>The config's rootfs: the diff_ids (SHA-256 of each uncompressed layer tar), in order.</summary>
public sealed record OciRootFs(
    [property: JsonPropertyName("diff_ids")] IReadOnlyList<string> DiffIds)
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "layers";
}
