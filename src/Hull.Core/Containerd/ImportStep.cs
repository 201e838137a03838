namespace Hull.Containerd;

/// <summary>What an import is doing, so that any failure can say it: the image, where it comes from, the step.</summary>
/// <param name="Image">The image name, or "" before one is known (reading an archive).</param>
/// <param name="Source">The layout or archive, e.g. "OCI layout /tmp/x".</param>
/// <param name="What">The step, e.g. "write layer 1/2 sha256:…".</param>
internal readonly record struct ImportStep(string Image, string Source, string What)
{
    /// <summary>The error for this step.</summary>
    public ImageImportException Fail(ImageImportErrorKind kind, string detail, Exception? inner = null) => new(kind, Image, Source, What, detail, inner);

    /// <summary>Runs a containerd call for this step; its <see cref="ContainerdException"/> becomes this step's error.</summary>
    public async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ContainerdException e)
        {
            throw Fail(ImageImportErrorKind.Containerd, e.Message, e);
        }
    }

    /// <summary>Same, for a call without an answer.</summary>
    public Task CallAsync(Func<Task> call) => CallAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });
}
