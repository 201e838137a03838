using System.Text.Json.Serialization;

namespace Hull.Updates;

/// <summary>A release's payloads: the root partition image (erofs + verity tree) and one signed UKI per slot.</summary>
public sealed record ReleaseImages(
    PayloadImage Root,
    [property: JsonPropertyName("uki-a")] PayloadImage UkiA,
    [property: JsonPropertyName("uki-b")] PayloadImage UkiB);
