using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>One entry of a metadata file's "signatures" list.</summary>
/// <param name="KeyId">The signing key's keyid.</param>
/// <param name="Sig">The hex signature over the canonical JSON of "signed" (for ECDSA, the DER encoding).</param>
public sealed record TufSignature(
    [property: JsonPropertyName("keyid")] string KeyId,
    [property: JsonPropertyName("sig")] string Sig);
