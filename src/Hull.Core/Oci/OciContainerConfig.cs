using System.Text.Json.Serialization;

namespace Hull.Oci;

/// <summary>The execution parameters in an image config; the spec spells these keys in PascalCase.</summary>
public sealed record OciContainerConfig
{
    [JsonPropertyName("User")]
    public string? User { get; init; }

    /// <summary>"8080/tcp" → {}: the spec encodes a set as an object with empty values.</summary>
    [JsonPropertyName("ExposedPorts")]
    public IReadOnlyDictionary<string, OciEmptyObject>? ExposedPorts { get; init; }

    [JsonPropertyName("Env")]
    public IReadOnlyList<string>? Env { get; init; }

    [JsonPropertyName("Entrypoint")]
    public IReadOnlyList<string>? Entrypoint { get; init; }

    [JsonPropertyName("Cmd")]
    public IReadOnlyList<string>? Cmd { get; init; }

    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; init; }

    [JsonPropertyName("Labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
