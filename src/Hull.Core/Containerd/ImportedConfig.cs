using System.Text.Json.Serialization;
using Hull.Oci;

namespace Hull.Containerd;

/// <summary>The part of an image config an import reads: the diff IDs of its layers.</summary>
internal sealed record ImportedConfig([property: JsonPropertyName("rootfs")] OciRootFs? RootFs);
