namespace Hull.Tuf;

/// <summary>A repository in a local folder (a mounted medium, or tests).</summary>
public sealed class DirectoryTufTransport(string root) : ITufTransport
{
    private readonly string _root = Path.GetFullPath(root);

    /// <inheritdoc/>
    public Task<Stream?> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (TufRepositoryLayout.CheckTargetPath(path) is { } problem)
        {
            throw new ArgumentException($"{_root}: {problem}", nameof(path));
        }

        try
        {
            Stream stream = new FileStream(Path.Combine(_root, path), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }
}
