using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>Source-generated JSON for TUF metadata: required fields must be present and non-null; absent optional fields are not written.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(TufEnvelope))]
[JsonSerializable(typeof(TufRoot))]
[JsonSerializable(typeof(TufTargets))]
[JsonSerializable(typeof(TufSnapshot))]
[JsonSerializable(typeof(TufTimestamp))]
[JsonSerializable(typeof(TufKey))]
[JsonSerializable(typeof(string))]
internal sealed partial class TufJsonContext : JsonSerializerContext;
