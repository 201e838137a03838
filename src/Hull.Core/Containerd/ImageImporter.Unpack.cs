using System.Security.Cryptography;
using Hull.Containerd.Api.Snapshots;
using Hull.Oci;

namespace Hull.Containerd;

internal sealed partial class ImageImporter
{
    /// <summary>
    /// Unpacks the layers for the snapshotter the way containerd's own unpack does (rootfs/apply.go):
    /// per layer, a committed snapshot named by its chain ID; one already there is kept (another
    /// image shares the layers, or this image was imported before). Returns the top chain ID ("" without layers).
    /// </summary>
    private async Task<string> UnpackAsync(
        ContainerdClient leased, string name, string source, IReadOnlyList<OciDescriptor> layers, IReadOnlyList<string> diffIds, CancellationToken cancellationToken)
    {
        var chain = LayerChain.ChainIds(diffIds);
        for (var i = 0; i < layers.Count; i++)
        {
            var step = new ImportStep(name, source, $"unpack layer {i + 1}/{layers.Count} {layers[i].Digest}");
            var existing = await step.CallAsync(() => leased.StatSnapshotAsync(options.Snapshotter, chain[i], cancellationToken)).ConfigureAwait(false);
            if (existing is null)
            {
                await ApplyLayerAsync(leased, layers[i], diffIds[i], chain[i], i == 0 ? "" : chain[i - 1], step, cancellationToken).ConfigureAwait(false);
            }
            else if (existing.Kind != Kind.Committed)
            {
                throw step.Fail(ImageImportErrorKind.Containerd, $"{options.Snapshotter} snapshot {chain[i]} exists but is {existing.Kind}, not committed");
            }

            // As containerd does once an apply has proved it (or a snapshot named by it exists).
            await SetLabelsAsync(leased, layers[i].Digest, new Dictionary<string, string> { [GcLabels.Uncompressed] = diffIds[i] }, step, cancellationToken).ConfigureAwait(false);
        }

        return chain.Count == 0 ? "" : chain[^1];
    }

    // Prepare an active snapshot on the parent, apply the layer onto its mounts, check the diff ID, commit it as the chain ID.
    private async Task ApplyLayerAsync(
        ContainerdClient leased, OciDescriptor layer, string diffId, string chainId, string parent, ImportStep step, CancellationToken cancellationToken)
    {
        // containerd's unpack key format, "extract-<unique> <chain ID>": unique so that two unpacks
        // of the same layer do not collide; its own tools recognise (and clean up) the prefix.
        var key = $"extract-{time.GetUtcNow().ToUnixTimeMilliseconds()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))} {chainId}";
        var mounts = await step.CallAsync(() => leased.PrepareSnapshotAsync(options.Snapshotter, key, parent, cancellationToken)).ConfigureAwait(false);
        var committed = false;
        try
        {
            var applied = await step.CallAsync(() => leased.ApplyDiffAsync(ToContentDescriptor(layer), mounts, cancellationToken)).ConfigureAwait(false);
            if (applied.Digest != diffId)
            {
                throw step.Fail(ImageImportErrorKind.DigestMismatch, $"layer {layer.Digest} unpacks to {applied.Digest}, but the config says its diff_id is {diffId}");
            }

            try
            {
                await leased.CommitSnapshotAsync(options.Snapshotter, chainId, key, cancellationToken).ConfigureAwait(false);
                committed = true;
            }
            catch (ContainerdException e) when (e.Kind == ContainerdErrorKind.AlreadyExists)
            {
                // Another unpack of the same layer committed first: its snapshot is as good as ours.
            }
            catch (ContainerdException e)
            {
                throw step.Fail(ImageImportErrorKind.Containerd, e.Message, e);
            }
        }
        finally
        {
            if (!committed)
            {
                await RemoveQuietlyAsync(leased, key).ConfigureAwait(false);
            }
        }
    }

    // Cleanup after a failure must not hide the failure; what is left is only held by the lease and goes with it.
    private async Task RemoveQuietlyAsync(ContainerdClient leased, string key)
    {
        try
        {
            await leased.RemoveSnapshotAsync(options.Snapshotter, key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ContainerdException)
        {
        }
    }
}
