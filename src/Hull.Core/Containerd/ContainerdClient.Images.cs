using Google.Protobuf.WellKnownTypes;
using Hull.Containerd.Api.Images;

namespace Hull.Containerd;

internal sealed partial class ContainerdClient
{
    /// <summary>The image record <paramref name="name"/>, or null when the namespace has none.</summary>
    public async Task<Image?> GetImageAsync(string name, CancellationToken cancellationToken)
    {
        var response = await CallOrNullAsync("Images.Get", ImageSubject(name), o => _images.GetAsync(new GetImageRequest { Name = name }, o), cancellationToken).ConfigureAwait(false);
        return response?.Image;
    }

    /// <summary>Creates the image record; AlreadyExists when the name is taken.</summary>
    public async Task<Image> CreateImageAsync(Image image, CancellationToken cancellationToken)
    {
        var response = await CallAsync("Images.Create", ImageSubject(image.Name), o => _images.CreateAsync(new CreateImageRequest { Image = image }, o), cancellationToken).ConfigureAwait(false);
        return response.Image;
    }

    /// <summary>Changes the fields of the image record named in <paramref name="paths"/> ("target", "labels.KEY"), or all of them when none are named.</summary>
    public async Task<Image> UpdateImageAsync(Image image, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var request = new UpdateImageRequest { Image = image, UpdateMask = new FieldMask() };
        request.UpdateMask.Paths.AddRange(paths);
        var response = await CallAsync("Images.Update", ImageSubject(image.Name), o => _images.UpdateAsync(request, o), cancellationToken).ConfigureAwait(false);
        return response.Image;
    }

    /// <summary>Deletes the image record <paramref name="name"/> (its content goes with the next collection, now when <paramref name="sync"/>).</summary>
    public Task DeleteImageAsync(string name, bool sync, CancellationToken cancellationToken) =>
        CallAsync("Images.Delete", ImageSubject(name), o => _images.DeleteAsync(new DeleteImageRequest { Name = name, Sync = sync }, o), cancellationToken);

    private static string ImageSubject(string name) => $"image {name}";
}
