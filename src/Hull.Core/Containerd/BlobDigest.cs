using System.Buffers;

namespace Hull.Containerd;

/// <summary>Digests as blob names: only "sha256:" and 64 lowercase hex digits are accepted, which also keeps them safe as file names.</summary>
internal static class BlobDigest
{
    private const string Prefix = "sha256:";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>True for "sha256:" followed by exactly 64 lowercase hex digits.</summary>
    public static bool IsSha256(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith(Prefix, StringComparison.Ordinal) && digest.AsSpan(Prefix.Length).IndexOfAnyExcept(LowerHex) < 0;

    /// <summary>"sha256:abc…" → "abc…" (the file name under blobs/sha256/).</summary>
    public static string Hex(string digest) => digest[Prefix.Length..];

    /// <summary>Why <paramref name="digest"/> cannot be imported, or null when it can.</summary>
    public static (ImageImportErrorKind Kind, string Reason)? Problem(string? digest) =>
        IsSha256(digest) ? null
        : digest is null ? (ImageImportErrorKind.InvalidSource, "the descriptor has no digest")
        : digest.Contains(':') && !digest.StartsWith(Prefix, StringComparison.Ordinal) ? (ImageImportErrorKind.Unsupported, $"digest {digest}: only sha256 digests are supported")
        : (ImageImportErrorKind.InvalidSource, $"digest '{digest}' is not sha256: and 64 lowercase hex digits");
}
