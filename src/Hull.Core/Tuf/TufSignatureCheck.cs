using System.Security.Cryptography;

namespace Hull.Tuf;

/// <summary>Threshold counting (spec 5.3.4, 5.4.2, 5.5.3, 5.6.3): each listed key of the role counts once, however often it appears.</summary>
internal static class TufSignatureCheck
{
    /// <summary>Null when at least the role's threshold of distinct keys in <paramref name="keys"/> signed <paramref name="metadata"/>'s bytes; otherwise the refusal.</summary>
    public static TufError? Check<T>(TufRoot keys, string role, TufMetadata<T> metadata, string keysFrom)
        where T : ITufSigned
    {
        var roleKeys = keys.Role(role);
        if (roleKeys is null)
        {
            return TufError.Of(TufErrorKind.Malformed, keysFrom, $"defines no {role} role");
        }

        var valid = CountValid(keys, roleKeys, metadata.Signatures, metadata.SignedBytes);
        return valid >= roleKeys.Threshold
            ? null
            : TufError.Of(TufErrorKind.ThresholdNotMet, metadata.File,
                $"{valid} valid signature(s) from distinct {role} keys of {keysFrom} version {keys.Version}, {roleKeys.Threshold} required");
    }

    /// <summary>How many distinct keys listed for the role made a valid signature over <paramref name="signed"/>.</summary>
    public static int CountValid(TufRoot keys, TufRoleKeys role, IReadOnlyList<TufSignature> signatures, byte[] signed)
    {
        var allowed = role.KeyIds.ToHashSet(StringComparer.Ordinal);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var signature in signatures)
        {
            if (allowed.Contains(signature.KeyId)
                && !counted.Contains(signature.KeyId)
                && keys.Keys.TryGetValue(signature.KeyId, out var key)
                && Verify(key, signature.Sig, signed))
            {
                counted.Add(signature.KeyId);
            }
        }

        return counted.Count;
    }

    /// <summary>True when <paramref name="hexSignature"/> is <paramref name="key"/>'s signature of <paramref name="signed"/>; keys of other types never verify.</summary>
    public static bool Verify(TufKey key, string hexSignature, byte[] signed)
    {
        // Older securesystemslib wrote the scheme as the keytype too; both spell the same algorithm.
        if (key.Scheme != TufKey.EcdsaP256Scheme || key.KeyType is not (TufKey.EcdsaKeyType or TufKey.EcdsaP256Scheme))
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromHexString(hexSignature);
        }
        catch (FormatException)
        {
            return false;
        }

        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(key.KeyValue.Public);
            return ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value == TufSigner.P256Oid
                && ecdsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
