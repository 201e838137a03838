using Hull.Cri.V1;

namespace Hull.Cri;

internal sealed partial class CriClient
{
    /// <summary>Every image the runtime has (in its k8s.io namespace).</summary>
    public async Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync("ListImages", "images", o => _images.ListImagesAsync(new ListImagesRequest(), o), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        return response.Images;
    }

    /// <summary>The image named by <paramref name="reference"/> (a reference or an id), or null when the runtime does not have it.</summary>
    public async Task<Image?> ImageStatusAsync(string reference, CancellationToken cancellationToken)
    {
        var request = new ImageStatusRequest { Image = new ImageSpec { Image = reference } };
        var response = await CallAsync("ImageStatus", Image(reference), o => _images.ImageStatusAsync(request, o), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        return response.Image;
    }

    /// <summary>Pulls and unpacks <paramref name="reference"/>; returns the image's id.</summary>
    /// <param name="reference">What to pull, e.g. "registry.example/app:1.2".</param>
    /// <param name="auth">Credentials for this pull only, or null for an anonymous pull.</param>
    /// <param name="sandboxConfig">The pod the image is for (lets the runtime pick a platform/runtime handler), or null.</param>
    /// <param name="cancellationToken">Cancels the pull.</param>
    public async Task<string> PullImageAsync(string reference, AuthConfig? auth, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken)
    {
        var request = new PullImageRequest { Image = new ImageSpec { Image = reference }, Auth = auth, SandboxConfig = sandboxConfig };
        var response = await CallAsync("PullImage", Image(reference), o => _images.PullImageAsync(request, o), _options.PullTimeout, cancellationToken).ConfigureAwait(false);
        return response.ImageRef;
    }

    /// <summary>Removes the image; removing one the runtime does not have succeeds.</summary>
    public Task RemoveImageAsync(string reference, CancellationToken cancellationToken) =>
        CallAsync("RemoveImage", Image(reference), o => _images.RemoveImageAsync(new RemoveImageRequest { Image = new ImageSpec { Image = reference } }, o), _options.CallTimeout, cancellationToken);
}
