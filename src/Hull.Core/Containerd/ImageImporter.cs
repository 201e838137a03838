using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hull.Oci;

namespace Hull.Containerd;

/// <summary>
/// Imports OCI images (an image layout directory, or an OCI archive stream) into containerd so
/// that CRI sees and can run them, with no registry and no ctr: every blob goes in through
/// Content.Write checked against its digest and size, blobs get the garbage collector's reference
/// labels, the layers are unpacked for CRI's snapshotter (Snapshots.Prepare, Diff.Apply,
/// Snapshots.Commit per layer, named by chain ID; a layer already committed is skipped) and the
/// image record is created or pointed at the new target. All of it happens under one lease, so
/// the collector cannot take a half-imported image. Importing the same image again is harmless.
/// </summary>
internal sealed partial class ImageImporter(ContainerdClient containerd, ImageImporterOptions options, TimeProvider time)
{
    /// <summary>The annotation on index.json's entries that names the image (what containerd's own import reads).</summary>
    public const string NameAnnotation = "io.containerd.image.name";

    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>
    /// Imports the images of the OCI image layout at <paramref name="layoutDirectory"/>: each entry of
    /// its index.json under its io.containerd.image.name annotation or, when <paramref name="name"/>
    /// is given, the one entry (or the one so named or tagged) under <paramref name="name"/>.
    /// </summary>
    public async Task<IReadOnlyList<ImportedImage>> ImportLayoutAsync(string layoutDirectory, string? name, CancellationToken cancellationToken)
    {
        var source = LayoutSource.Open(layoutDirectory);
        return await ImportAsync(source.Description, _ => Task.FromResult<ImportSource>(source), name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Imports the images of an OCI archive (a tar of an image layout) read once from
    /// <paramref name="archive"/>, which may be a pipe; names as for <see cref="ImportLayoutAsync"/>.
    /// </summary>
    public Task<IReadOnlyList<ImportedImage>> ImportArchiveAsync(Stream archive, string? name, CancellationToken cancellationToken)
    {
        var description = archive is FileStream file ? $"OCI archive {file.Name}" : "an OCI archive stream";
        return ImportAsync(description, leased => ReadArchiveAsync(leased, archive, description, cancellationToken), name, cancellationToken);
    }

    private static async Task<ImportSource> ReadArchiveAsync(ContainerdClient leased, Stream archive, string description, CancellationToken cancellationToken) =>
        await ArchiveSource.ReadAsync(leased, archive, description, cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<ImportedImage>> ImportAsync(
        string description, Func<ContainerdClient, Task<ImportSource>> open, string? name, CancellationToken cancellationToken)
    {
        var leaseId = $"hull-import-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var leaseStep = new ImportStep(name ?? "", description, $"create lease {leaseId}");
        await leaseStep.CallAsync(() => containerd.CreateLeaseAsync(leaseId, time.GetUtcNow() + options.LeaseExpiry, cancellationToken)).ConfigureAwait(false);
        var imported = new List<ImportedImage>();
        try
        {
            var leased = containerd.WithLease(leaseId);
            var source = await open(leased).ConfigureAwait(false);
            foreach (var (imageName, target) in SelectImages(source, name))
            {
                imported.Add(await ImportImageAsync(leased, source, imageName, target, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            // What the failed import wrote goes with its lease (which expires by itself if even this fails).
            try
            {
                await containerd.DeleteLeaseAsync(leaseId, sync: false, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ContainerdException)
            {
            }

            throw;
        }

        // From here on the image records and the labels keep what the images need; the rest
        // (blobs of other platforms, unreferenced blobs of an archive) becomes garbage.
        await (leaseStep with { What = $"delete lease {leaseId}" }).CallAsync(() => containerd.DeleteLeaseAsync(leaseId, sync: false, CancellationToken.None)).ConfigureAwait(false);
        return imported;
    }

    // The (name, target) pairs to import from index.json.
    private List<(string Name, OciDescriptor Target)> SelectImages(ImportSource source, string? name)
    {
        var step = new ImportStep(name ?? "", source.Description, "read index.json");
        var index = Parse(source.Index, ImportJsonContext.Default.OciIndex, step);
        var entries = index.Manifests?.ToList() ?? throw step.Fail(ImageImportErrorKind.InvalidSource, "index.json has no \"manifests\"");
        if (entries.Count == 0)
        {
            throw step.Fail(ImageImportErrorKind.InvalidSource, "index.json lists no images");
        }

        if (name is not null)
        {
            var named = entries.Where(e => Annotation(e, NameAnnotation) == name || Annotation(e, RefNameAnnotation) == name).ToList();
            var target = named.Count == 1 ? named[0]
                : entries.Count == 1 ? entries[0]
                : throw step.Fail(ImageImportErrorKind.InvalidName,
                    $"index.json lists {entries.Count} images and {(named.Count == 0 ? "none" : named.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} is named or tagged '{name}'");
            return [(Normalize(name, step), target)];
        }

        return entries.Select(e => Annotation(e, NameAnnotation) is { Length: > 0 } annotated
                ? (Normalize(annotated, step), e)
                : throw step.Fail(ImageImportErrorKind.InvalidName, $"index.json entry {e.Digest} has no {NameAnnotation} annotation: give the image a name"))
            .ToList();
    }

    private static string? Annotation(OciDescriptor descriptor, string key) => descriptor.Annotations?.GetValueOrDefault(key);

    private static string Normalize(string name, ImportStep step) =>
        ImageReference.TryNormalize(name, out var normalized, out var reason) ? normalized : throw step.Fail(ImageImportErrorKind.InvalidName, reason);

    private static T Parse<T>(byte[] json, JsonTypeInfo<T> type, ImportStep step)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw step.Fail(ImageImportErrorKind.InvalidSource, "the JSON is null");
        }
        catch (JsonException e)
        {
            throw step.Fail(ImageImportErrorKind.InvalidSource, $"not valid JSON for an {type.Type.Name}: {e.Message}", e);
        }
    }

    // A descriptor the walk can follow: a media type, a sha256 digest, a size.
    private static OciDescriptor Check(OciDescriptor? descriptor, string what, ImportStep step)
    {
        if (descriptor is null)
        {
            throw step.Fail(ImageImportErrorKind.InvalidSource, $"{what} has no descriptor");
        }

        if (BlobDigest.Problem(descriptor.Digest) is { } problem)
        {
            throw step.Fail(problem.Kind, $"{what}: {problem.Reason}");
        }

        return string.IsNullOrEmpty(descriptor.MediaType) || descriptor.Size < 0
            ? throw step.Fail(ImageImportErrorKind.InvalidSource, $"{what} {descriptor.Digest} has no media type or a negative size")
            : descriptor;
    }
}
