namespace Hull.Tuf;

/// <summary>How the client reaches a repository (or a mirror of it). Nothing fetched through it is trusted: the client checks every byte.</summary>
public interface ITufTransport
{
    /// <summary>
    /// Opens the file at <paramref name="path"/>, relative to the repository root ("metadata/timestamp.json",
    /// "targets/HASH.hull.img"), or returns null when the repository has no such file. Other failures throw
    /// (<see cref="IOException"/>, <see cref="HttpRequestException"/>). The stream may be endless; the client reads
    /// no more than its limit.
    /// </summary>
    public Task<Stream?> OpenAsync(string path, CancellationToken cancellationToken);
}
