namespace Hull.Builder.Repo;

/// <summary>One compressed payload: the image's size and SHA-256 (what a host writes and checks), the compressed size, and how long it took.</summary>
internal readonly record struct CompressedPayload(long Bytes, string Sha256, long CompressedBytes, TimeSpan Elapsed)
{
    /// <summary>Compressed size over image size.</summary>
    public double Ratio => Bytes == 0 ? 1 : (double)CompressedBytes / Bytes;
}
