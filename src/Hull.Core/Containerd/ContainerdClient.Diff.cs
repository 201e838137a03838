using Hull.Containerd.Api.Diff;
using Hull.Containerd.Api.Types;

namespace Hull.Containerd;

internal sealed partial class ContainerdClient
{
    /// <summary>
    /// Unpacks layer blob <paramref name="layer"/> (already in the content store, compressed or
    /// not) onto <paramref name="mounts"/>; returns the descriptor of the uncompressed tar that was
    /// applied, whose digest is the layer's diff ID.
    /// </summary>
    public async Task<ContentDescriptor> ApplyDiffAsync(ContentDescriptor layer, IEnumerable<Mount> mounts, CancellationToken cancellationToken)
    {
        var request = new ApplyRequest { Diff = layer, Mounts = { mounts } };
        var response = await CallAsync("Diff.Apply", $"layer {layer.Digest}", o => _diff.ApplyAsync(request, o), _options.TransferTimeout, cancellationToken).ConfigureAwait(false);
        return response.Applied;
    }
}
