using Hull.Containerd.Api.Images;
using Hull.Containerd.Api.Types;
using Hull.Oci;

namespace Hull.Containerd;

internal sealed partial class ImageImporter
{
    // Indexes inside indexes are allowed by the spec; a chain this deep is a loop or a mistake.
    private const int MaxIndexDepth = 4;

    // One image: down the indexes to this platform's manifest, its config and layers, the labels, the unpack, the record.
    private async Task<ImportedImage> ImportImageAsync(ContainerdClient leased, ImportSource source, string name, OciDescriptor target, CancellationToken cancellationToken)
    {
        ImportStep Step(string what) => new(name, source.Description, what);

        var descriptor = Check(target, "index.json entry", Step("read index.json"));
        var size = 0L;
        for (var depth = 0; ImageMediaTypes.IsIndex(descriptor.MediaType); depth++)
        {
            var step = Step($"write index {descriptor.Digest}");
            if (depth == MaxIndexDepth)
            {
                throw step.Fail(ImageImportErrorKind.Unsupported, $"indexes nest deeper than {MaxIndexDepth}");
            }

            var index = Parse(await source.WriteJsonBlobAsync(leased, descriptor, step, cancellationToken).ConfigureAwait(false), ImportJsonContext.Default.OciIndex, step);
            size += descriptor.Size;
            var child = Check(ForThisPlatform(index, descriptor.Digest, step), $"index {descriptor.Digest}'s manifest", step);
            // Only the child this platform uses is written, so only it is referenced (as
            // containerd's import labels the children left after its platform filter).
            var label = ImageMediaTypes.IsIndex(child.MediaType) ? GcLabels.Other(0) : GcLabels.Manifest(0);
            await SetLabelsAsync(leased, descriptor.Digest, new Dictionary<string, string> { [label] = child.Digest }, step, cancellationToken).ConfigureAwait(false);
            descriptor = child;
        }

        var manifestStep = Step($"write manifest {descriptor.Digest}");
        if (!ImageMediaTypes.IsManifest(descriptor.MediaType))
        {
            throw manifestStep.Fail(ImageImportErrorKind.Unsupported, $"media type {descriptor.MediaType} of {descriptor.Digest} is neither an image index nor an image manifest");
        }

        var manifest = Parse(await source.WriteJsonBlobAsync(leased, descriptor, manifestStep, cancellationToken).ConfigureAwait(false), ImportJsonContext.Default.OciManifest, manifestStep);
        size += descriptor.Size;
        var layers = manifest.Layers?.Select((l, i) => Check(l, $"layer {i + 1}", manifestStep)).ToList()
            ?? throw manifestStep.Fail(ImageImportErrorKind.InvalidSource, $"manifest {descriptor.Digest} has no \"layers\"");

        var config = Check(manifest.Config, "config", manifestStep);
        var configStep = Step($"write config {config.Digest}");
        var rootFs = Parse(await source.WriteJsonBlobAsync(leased, config, configStep, cancellationToken).ConfigureAwait(false), ImportJsonContext.Default.ImportedConfig, configStep).RootFs;
        size += config.Size;
        var diffIds = rootFs?.DiffIds ?? throw configStep.Fail(ImageImportErrorKind.InvalidSource, $"config {config.Digest} has no rootfs.diff_ids");
        if (diffIds.Count != layers.Count)
        {
            throw configStep.Fail(ImageImportErrorKind.InvalidSource, $"config {config.Digest} lists {diffIds.Count} diff_ids for the manifest's {layers.Count} layers");
        }

        if (diffIds.FirstOrDefault(d => !BlobDigest.IsSha256(d)) is { } odd)
        {
            throw configStep.Fail(ImageImportErrorKind.InvalidSource, $"config {config.Digest} has diff_id '{odd}', not a sha256 digest");
        }

        for (var i = 0; i < layers.Count; i++)
        {
            var layerStep = Step($"write layer {i + 1}/{layers.Count} {layers[i].Digest}");
            await source.WriteBlobAsync(leased, layers[i], layerStep, cancellationToken).ConfigureAwait(false);
            size += layers[i].Size;
        }

        var children = new Dictionary<string, string> { [GcLabels.Config] = config.Digest };
        for (var i = 0; i < layers.Count; i++)
        {
            children[GcLabels.Layer(i)] = layers[i].Digest;
        }

        await SetLabelsAsync(leased, descriptor.Digest, children, Step($"label manifest {descriptor.Digest}"), cancellationToken).ConfigureAwait(false);

        var chainId = await UnpackAsync(leased, name, source.Description, layers, diffIds, cancellationToken).ConfigureAwait(false);
        if (chainId.Length > 0)
        {
            await SetLabelsAsync(leased, config.Digest, new Dictionary<string, string> { [GcLabels.Snapshot(options.Snapshotter)] = chainId },
                Step($"label config {config.Digest}"), cancellationToken).ConfigureAwait(false);
        }

        await RecordAsync(leased, name, target, Step("record the image"), cancellationToken).ConfigureAwait(false);
        return new ImportedImage(name, target.Digest, descriptor.Digest, config.Digest, chainId, size);
    }

    // The index entry for this platform: an exact os/architecture match first, else one that names no platform.
    private OciDescriptor ForThisPlatform(OciIndex index, string digest, ImportStep step)
    {
        var entries = index.Manifests ?? throw step.Fail(ImageImportErrorKind.InvalidSource, $"index {digest} has no \"manifests\"");
        return entries.FirstOrDefault(e => e?.Platform is { } p && p.Os == options.Os && p.Architecture == options.Architecture)
            ?? entries.FirstOrDefault(e => e is not null && e.Platform is null)
            ?? throw step.Fail(ImageImportErrorKind.Unsupported, $"index {digest} has no manifest for {options.Os}/{options.Architecture} (it has {string.Join(", ", entries.Select(e => e?.Platform is { } p ? $"{p.Os}/{p.Architecture}" : "?"))})");
    }

    private static Task SetLabelsAsync(ContainerdClient leased, string digest, Dictionary<string, string> labels, ImportStep step, CancellationToken cancellationToken) =>
        step.CallAsync(() => leased.SetContentLabelsAsync(digest, labels, cancellationToken));

    // Creates the image record, or points an existing one at the new target; one already right is left alone (no event for CRI).
    private static async Task RecordAsync(ContainerdClient leased, string name, OciDescriptor target, ImportStep step, CancellationToken cancellationToken)
    {
        var image = new Image { Name = name, Target = ToContentDescriptor(target) };
        var existing = await step.CallAsync(() => leased.GetImageAsync(name, cancellationToken)).ConfigureAwait(false);
        if (existing?.Target is { } current && current.Digest == target.Digest && current.MediaType == target.MediaType && current.Size == target.Size)
        {
            return;
        }

        if (existing is null)
        {
            try
            {
                await leased.CreateImageAsync(image, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ContainerdException e) when (e.Kind == ContainerdErrorKind.AlreadyExists)
            {
                // Another import created it meanwhile: ours is the newer target.
            }
            catch (ContainerdException e)
            {
                throw step.Fail(ImageImportErrorKind.Containerd, e.Message, e);
            }
        }

        await step.CallAsync(() => leased.UpdateImageAsync(image, ["target"], cancellationToken)).ConfigureAwait(false);
    }

    private static ContentDescriptor ToContentDescriptor(OciDescriptor descriptor)
    {
        var converted = new ContentDescriptor { MediaType = descriptor.MediaType, Digest = descriptor.Digest, Size = descriptor.Size };
        foreach (var (key, value) in descriptor.Annotations ?? new Dictionary<string, string>())
        {
            converted.Annotations[key] = value;
        }

        return converted;
    }
}
