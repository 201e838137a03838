using System.Text.Json.Serialization;

namespace Hull.Oci;

/// <summary>Source-generated JSON for the image layout; property names come from the attributes (the spec mixes cases).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OciIndex))]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciImageConfig))]
[JsonSerializable(typeof(OciLayoutMarker))]
public sealed partial class OciJsonContext : JsonSerializerContext;
