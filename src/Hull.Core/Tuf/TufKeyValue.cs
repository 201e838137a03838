using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>A key's "keyval": the public half only, as metadata carries it.</summary>
/// <param name="Public">For ECDSA, the SubjectPublicKeyInfo PEM text.</param>
public sealed record TufKeyValue([property: JsonPropertyName("public")] string Public);
