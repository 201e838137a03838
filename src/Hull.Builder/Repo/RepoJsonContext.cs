using System.Text.Json.Serialization;
using Hull.Updates;

namespace Hull.Builder.Repo;

/// <summary>The migrations file of `hull repo add --migrations`: the manifest's own migration records, read with the manifest's rules.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(List<SettingsMigration>))]
internal sealed partial class RepoJsonContext : JsonSerializerContext;
