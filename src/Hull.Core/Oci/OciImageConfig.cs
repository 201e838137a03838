using System.Text.Json.Serialization;

namespace Hull.Oci;

/// <summary>The image configuration blob (image-spec config.md).</summary>
public sealed record OciImageConfig(
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("config")] OciContainerConfig Config,
    [property: JsonPropertyName("rootfs")] OciRootFs RootFs);
