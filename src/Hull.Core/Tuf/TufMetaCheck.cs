using System.Security.Cryptography;

namespace Hull.Tuf;

/// <summary>Checks fetched bytes against the length and hashes their referrer lists (spec 5.5.2, 5.6.2, 5.7.3).</summary>
internal static class TufMetaCheck
{
    /// <summary>Null when <paramref name="bytes"/> match every length and known hash listed; otherwise the refusal.</summary>
    public static TufError? Check(byte[] bytes, long? length, IReadOnlyDictionary<string, string>? hashes, string file, string listedIn)
    {
        foreach (var (name, hex) in hashes ?? new Dictionary<string, string>())
        {
            if (TufHashes.Algorithm(name) is { } algorithm && TufHashes.Hex(algorithm, bytes) is var actual && !HexEquals(actual, hex))
            {
                return TufError.Of(TufErrorKind.HashMismatch, file, $"{name} {actual} differs from {hex} listed in {listedIn}");
            }
        }

        // After the hashes: a listed hash is the stronger statement, and the length alone only bounds the download.
        if (length is { } expected && bytes.LongLength != expected)
        {
            return TufError.Of(TufErrorKind.LengthMismatch, file, $"{bytes.LongLength} bytes, but {listedIn} lists {expected}");
        }

        return null;
    }

    /// <summary>Hex digests compare case-insensitively; fixed time, though both sides are public.</summary>
    public static bool HexEquals(string actual, string listed) =>
        actual.Length == listed.Length
        && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(listed.ToLowerInvariant()));
}
