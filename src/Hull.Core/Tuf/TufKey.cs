using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>A public key as root.json lists it (spec "Key objects").</summary>
public sealed record TufKey
{
    /// <summary>The key type of ECDSA keys.</summary>
    public const string EcdsaKeyType = "ecdsa";

    /// <summary>ECDSA on NIST P-256 with SHA-256, DER-encoded signatures (what securesystemslib writes).</summary>
    public const string EcdsaP256Scheme = "ecdsa-sha2-nistp256";

    /// <summary>"ecdsa" for the keys this code signs and verifies.</summary>
    [JsonPropertyName("keytype")]
    public required string KeyType { get; init; }

    /// <summary>"ecdsa-sha2-nistp256".</summary>
    [JsonPropertyName("scheme")]
    public required string Scheme { get; init; }

    /// <summary>The public key.</summary>
    [JsonPropertyName("keyval")]
    public required TufKeyValue KeyValue { get; init; }

    /// <summary>Fields this code does not know (e.g. securesystemslib's "keyid_hash_algorithms"), kept because the keyid covers them.</summary>
    // Settable, not init: the source generator binds init-only properties like constructor parameters, which extension data cannot be.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>An ECDSA P-256 key from its SubjectPublicKeyInfo PEM text.</summary>
    public static TufKey EcdsaP256(string publicPem) =>
        new() { KeyType = EcdsaKeyType, Scheme = EcdsaP256Scheme, KeyValue = new TufKeyValue(publicPem) };

    /// <summary>The keyid: hex SHA-256 of this key's canonical JSON.</summary>
    public string ComputeId() => ComputeId(JsonSerializer.SerializeToElement(this, TufJsonContext.Default.TufKey));

    /// <summary>The keyid of a key object as it appears in a file, unknown fields included.</summary>
    public static string ComputeId(JsonElement key) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Encode(key)));
}
