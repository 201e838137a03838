using System.Text.Json.Serialization;

namespace Hull.Updates;

/// <summary>Source-generated JSON for the update manifest: snake_case names, required fields must be present, nulls not written.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    WriteIndented = true)]
[JsonSerializable(typeof(ReleaseManifest))]
public sealed partial class UpdatesJsonContext : JsonSerializerContext;
