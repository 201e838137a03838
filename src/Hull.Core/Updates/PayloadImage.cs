namespace Hull.Updates;

/// <summary>
/// One payload: <paramref name="Target"/> is its TUF target path (the compressed file, whose length and hash
/// targets.json lists); <paramref name="Bytes"/> and <paramref name="Sha256"/> describe the image once
/// decompressed, which is what a host writes and checks.
/// </summary>
public sealed record PayloadImage(string Target, long Bytes, string Sha256);
