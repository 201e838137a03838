using System.Security.Cryptography;

namespace Hull.Tuf;

/// <summary>The hash algorithms HASHES entries may name that this code checks; others are ignored.</summary>
internal static class TufHashes
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    /// <summary>The algorithm for a HASHES key, or null when this code does not know it.</summary>
    public static HashAlgorithmName? Algorithm(string name) => name switch
    {
        Sha256 => HashAlgorithmName.SHA256,
        Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };

    /// <summary>The hex digest of <paramref name="data"/> under <paramref name="algorithm"/>.</summary>
    public static string Hex(HashAlgorithmName algorithm, ReadOnlySpan<byte> data) =>
        Convert.ToHexStringLower(algorithm == HashAlgorithmName.SHA512 ? SHA512.HashData(data) : SHA256.HashData(data));
}
