using System.Security.Cryptography;

namespace Hull.Tuf;

/// <summary>An ECDSA P-256 private key that signs metadata (scheme ecdsa-sha2-nistp256, DER signatures, as securesystemslib).</summary>
public sealed class TufSigner : IDisposable
{
    // The OID of NIST P-256 (secp256r1, prime256v1).
    internal const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECDsa _key;

    private TufSigner(ECDsa key)
    {
        _key = key;
        // securesystemslib (through pyca/cryptography) writes the PEM with a final newline; match it so keyids
        // of the same key agree across implementations.
        var pem = key.ExportSubjectPublicKeyInfoPem().TrimEnd('\n') + "\n";
        Key = TufKey.EcdsaP256(pem);
        KeyId = Key.ComputeId();
    }

    /// <summary>The public key as root.json lists it.</summary>
    public TufKey Key { get; }

    /// <summary>The public key's keyid.</summary>
    public string KeyId { get; }

    /// <summary>Loads an unencrypted P-256 private key (PKCS#8 or SEC1 "EC PRIVATE KEY" PEM); throws naming <paramref name="path"/> otherwise.</summary>
    public static TufSigner FromPemFile(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the signing key: {e.Message}", e);
        }

        return FromPem(pem, path);
    }

    /// <summary>Loads a key from PEM text; <paramref name="source"/> names it in errors.</summary>
    public static TufSigner FromPem(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var parameters = key.ExportParameters(includePrivateParameters: true);
            if (parameters.Curve.Oid?.Value != P256Oid)
            {
                throw new InvalidDataException($"{source}: the key is on curve {parameters.Curve.Oid?.FriendlyName ?? parameters.Curve.Oid?.Value ?? "(explicit)"}, not NIST P-256");
            }

            return new TufSigner(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{source}: not an unencrypted ECDSA P-256 private key in PEM form: {e.Message}", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Signs canonical bytes.</summary>
    public TufSignature Sign(ReadOnlySpan<byte> canonical) =>
        new(KeyId, Convert.ToHexStringLower(_key.SignData(canonical, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
