using System.Text.Json.Serialization;

namespace Hull.Updates;

/// <summary>Source-generated JSON for the update manifest: snake_case names; every field must be present (null where allowed), except a migration step's to and value.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    WriteIndented = true)]
[JsonSerializable(typeof(ReleaseManifest))]
[JsonSerializable(typeof(IReadOnlyList<SettingsMigration>))]
public sealed partial class UpdatesJsonContext : JsonSerializerContext;
