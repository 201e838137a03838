using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>A metadata file as stored: the signatures and the signed object they cover (spec "Object format").</summary>
/// <param name="Signatures">One entry per signing key.</param>
/// <param name="Signed">The role's object, kept as parsed so its canonical bytes are exactly what was signed, unknown fields included.</param>
internal sealed record TufEnvelope(
    [property: JsonPropertyName("signatures")] IReadOnlyList<TufSignature> Signatures,
    [property: JsonPropertyName("signed")] JsonElement Signed);
