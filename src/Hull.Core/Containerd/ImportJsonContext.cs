using System.Text.Json.Serialization;
using Hull.Oci;

namespace Hull.Containerd;

/// <summary>Source-generated JSON for what an import reads: index.json and indexes, manifests, configs.</summary>
[JsonSerializable(typeof(OciIndex))]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(ImportedConfig))]
internal sealed partial class ImportJsonContext : JsonSerializerContext;
