using System.Text.Json.Serialization;

namespace Hull.Init;

/// <summary>Source-generated JSON of the control socket's lines (one object per line, so never indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InitRequest))]
[JsonSerializable(typeof(InitReply))]
internal sealed partial class InitJsonContext : JsonSerializerContext;
