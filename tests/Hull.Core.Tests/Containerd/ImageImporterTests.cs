using System.IO.Pipelines;
using Hull.Containerd;
using Hull.Containerd.Api.Snapshots;
using Hull.Oci;
using Hull.Testing.Oci;

namespace Hull.Core.Tests.Containerd;

/// <summary>
/// Imports into a real containerd, with CRI's own view (ImageStatus) and containerd's (content
/// labels, snapshots) as the oracles.
/// </summary>
public sealed class ImageImporterTests(ImporterFixture containerd) : IClassFixture<ImporterFixture>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempDirectory _temp = new();

    private ImageImporter Importer => containerd.Importer;

    [Fact]
    public async Task ImportLayoutAsync_BusyboxHttpd_CriFindsItUnderItsConfigDigestAndSize()
    {
        var image = TestImages.BusyboxHttpd("layout").WriteLayout(_temp.File("layout"), "hull.test/httpd:layout");

        var imported = (await Importer.ImportLayoutAsync(image.LayoutDirectory, null, Ct)).ShouldHaveSingleItem();

        imported.Name.ShouldBe("hull.test/httpd:layout");
        imported.TargetDigest.ShouldBe(image.ManifestDigest);
        imported.ConfigDigest.ShouldBe(image.Config.Digest);
        imported.ChainId.ShouldBe(image.DiffId);   // one layer: its chain ID is its diff ID
        var status = await containerd.CriImageAsync("hull.test/httpd:layout");
        status.Id.ShouldBe(image.Config.Digest);
        status.RepoTags.ShouldContain("hull.test/httpd:layout");
        // CRI counts the manifest, the config and the (compressed) layers.
        status.Size.ShouldBe((ulong)(image.Manifest.Size + image.Config.Size + image.Layer.Size));
        imported.Size.ShouldBe((long)status.Size);
    }

    [Fact]
    public async Task ImportArchiveAsync_NonSeekableStream_CriFindsIt()
    {
        var image = TestImages.BusyboxHttpd("archive").WriteLayout(_temp.File("layout"), "hull.test/httpd:archive");
        var archivePath = image.WriteArchive(_temp.File("httpd.tar"));
        await using var file = File.OpenRead(archivePath);
        // As from a pipe: no Length, no Seek.
        await using var pipe = PipeReader.Create(file).AsStream();

        var imported = (await Importer.ImportArchiveAsync(pipe, null, Ct)).ShouldHaveSingleItem();

        imported.ManifestDigest.ShouldBe(image.ManifestDigest);
        var status = await containerd.CriImageAsync("hull.test/httpd:archive");
        status.Id.ShouldBe(image.Config.Digest);
        status.Size.ShouldBe((ulong)(image.Manifest.Size + image.Config.Size + image.Layer.Size));
    }

    [Fact]
    public async Task ImportLayoutAsync_Unpacked_CommittedSnapshotsAndGcLabelsLikeContainerdsOwn()
    {
        var (manifest, config, diffIds) = TwoLayerImage.Write(_temp.File("layout"), "hull.test/two-layers:1", 8080);
        var chain = LayerChain.ChainIds(diffIds);

        var imported = (await Importer.ImportLayoutAsync(_temp.File("layout"), null, Ct)).ShouldHaveSingleItem();

        imported.ChainId.ShouldBe(chain[1]);
        var bottom = await containerd.Containerd.StatSnapshotAsync(containerd.Snapshotter, chain[0], Ct);
        var top = await containerd.Containerd.StatSnapshotAsync(containerd.Snapshotter, chain[1], Ct);
        bottom.ShouldNotBeNull().Kind.ShouldBe(Kind.Committed);
        top.ShouldNotBeNull().Kind.ShouldBe(Kind.Committed);
        top.Parent.ShouldBe(chain[0]);

        var manifestLabels = (await containerd.Containerd.ContentInfoAsync(manifest, Ct)).ShouldNotBeNull().Labels;
        var layers = new[] { manifestLabels["containerd.io/gc.ref.content.l.0"], manifestLabels["containerd.io/gc.ref.content.l.1"] };
        manifestLabels["containerd.io/gc.ref.content.config"].ShouldBe(config);
        (await containerd.Containerd.ContentInfoAsync(config, Ct)).ShouldNotBeNull()
            .Labels[$"containerd.io/gc.ref.snapshot.{containerd.Snapshotter}"].ShouldBe(chain[1]);
        for (var i = 0; i < 2; i++)
        {
            (await containerd.Containerd.ContentInfoAsync(layers[i], Ct)).ShouldNotBeNull().Labels["containerd.io/uncompressed"].ShouldBe(diffIds[i]);
        }
    }

    [Fact]
    public async Task ImportLayoutAsync_Twice_SameImageAndTheCommittedLayerIsKept()
    {
        var image = TestImages.BusyboxHttpd("twice").WriteLayout(_temp.File("layout"), "hull.test/httpd:twice");
        var first = await Importer.ImportLayoutAsync(image.LayoutDirectory, null, Ct);
        var snapshot = await containerd.Containerd.StatSnapshotAsync(containerd.Snapshotter, image.DiffId, Ct);
        var record = await containerd.Containerd.GetImageAsync("hull.test/httpd:twice", Ct);

        var second = await Importer.ImportLayoutAsync(image.LayoutDirectory, null, Ct);

        second.ShouldBe(first);
        // Not unpacked again, and the same record (CRI may have labelled it meanwhile: it does so once it has seen it).
        (await containerd.Containerd.StatSnapshotAsync(containerd.Snapshotter, image.DiffId, Ct)).ShouldNotBeNull().CreatedAt.ShouldBe(snapshot.ShouldNotBeNull().CreatedAt);
        var again = (await containerd.Containerd.GetImageAsync("hull.test/httpd:twice", Ct)).ShouldNotBeNull();
        again.CreatedAt.ShouldBe(record.ShouldNotBeNull().CreatedAt);
        again.Target.Digest.ShouldBe(image.ManifestDigest);
        (await containerd.CriImageAsync("hull.test/httpd:twice")).Id.ShouldBe(image.Config.Digest);
    }

    [Fact]
    public async Task ImportLayoutAsync_NewVersionUnderTheSameName_RecordPointsAtIt()
    {
        TestImages.BusyboxHttpd("v1").WriteLayout(_temp.File("v1"), "hull.test/httpd:moving");
        var v2 = TestImages.BusyboxHttpd("v2").WriteLayout(_temp.File("v2"), "hull.test/httpd:moving");
        await Importer.ImportLayoutAsync(_temp.File("v1"), null, Ct);

        await Importer.ImportLayoutAsync(_temp.File("v2"), null, Ct);

        (await containerd.Containerd.GetImageAsync("hull.test/httpd:moving", Ct)).ShouldNotBeNull().Target.Digest.ShouldBe(v2.ManifestDigest);
        await containerd.EventuallyAsync(async () => (await containerd.CriImageAsync("hull.test/httpd:moving")).Id.ShouldBe(v2.Config.Digest), "CRI sees v2");
    }

    [Fact]
    public async Task ImportLayoutAsync_NameGiven_RecordedUnderTheNameCriLooksUp()
    {
        var image = TestImages.BusyboxHttpd("named").WriteLayout(_temp.File("layout"), "hull.test/httpd:annotated");

        var imported = (await Importer.ImportLayoutAsync(image.LayoutDirectory, "hull-named:2", Ct)).ShouldHaveSingleItem();

        imported.Name.ShouldBe("docker.io/library/hull-named:2");
        // CRI normalises the short name the same way before it looks.
        (await containerd.CriImageAsync("hull-named:2")).Id.ShouldBe(image.Config.Digest);
        (await containerd.Containerd.GetImageAsync("hull.test/httpd:annotated", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ImportLayoutAsync_CorruptedLayer_RefusedNamingTheDigestAndNothingRecorded()
    {
        var image = TestImages.BusyboxHttpd("corrupt").WriteLayout(_temp.File("layout"), "hull.test/httpd:corrupt");
        Corrupt(OciImageBuilder.BlobPath(image.LayoutDirectory, image.Layer.Digest));

        var error = await Should.ThrowAsync<ImageImportException>(() => Importer.ImportLayoutAsync(image.LayoutDirectory, null, Ct));

        error.Kind.ShouldBe(ImageImportErrorKind.DigestMismatch);
        error.Image.ShouldBe("hull.test/httpd:corrupt");
        error.Message.ShouldContain($"write layer 1/1 {image.Layer.Digest}");
        error.Message.ShouldContain($"the bytes of blob {image.Layer.Digest} hash to sha256:");
        (await containerd.Containerd.ContentInfoAsync(image.Layer.Digest, Ct)).ShouldBeNull();
        (await containerd.Containerd.GetImageAsync("hull.test/httpd:corrupt", Ct)).ShouldBeNull();
        (await containerd.Cri.ImageStatusAsync("hull.test/httpd:corrupt", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ImportArchiveAsync_CorruptedManifest_RefusedNamingTheDigest()
    {
        var image = TestImages.BusyboxHttpd("corrupt archive").WriteLayout(_temp.File("layout"), "hull.test/httpd:corrupt-archive");
        Corrupt(OciImageBuilder.BlobPath(image.LayoutDirectory, image.ManifestDigest));
        await using var archive = File.OpenRead(image.WriteArchive(_temp.File("corrupt.tar")));

        var error = await Should.ThrowAsync<ImageImportException>(() => Importer.ImportArchiveAsync(archive, null, Ct));

        error.Kind.ShouldBe(ImageImportErrorKind.DigestMismatch);
        error.Message.ShouldContain($"blob {image.ManifestDigest}");
        error.Message.ShouldContain(_temp.File("corrupt.tar"));
        (await containerd.Containerd.GetImageAsync("hull.test/httpd:corrupt-archive", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ImportLayoutAsync_MissingBlob_RefusedNamingItAndTheStep()
    {
        var image = TestImages.BusyboxHttpd("missing").WriteLayout(_temp.File("layout"), "hull.test/httpd:missing");
        File.Delete(OciImageBuilder.BlobPath(image.LayoutDirectory, image.Config.Digest));

        var error = await Should.ThrowAsync<ImageImportException>(() => Importer.ImportLayoutAsync(image.LayoutDirectory, null, Ct));

        error.Kind.ShouldBe(ImageImportErrorKind.MissingBlob);
        error.Message.ShouldStartWith($"import of hull.test/httpd:missing from OCI layout {image.LayoutDirectory}: write config {image.Config.Digest}: ");
    }

    [Fact]
    public async Task ImportLayoutAsync_NoNameAnywhere_InvalidNameAskingForOne()
    {
        var image = TestImages.BusyboxHttpd("unnamed").WriteLayout(_temp.File("layout"), "hull.test/httpd:unnamed");
        File.WriteAllText(Path.Combine(image.LayoutDirectory, "index.json"), $$"""
            {"schemaVersion":2,"manifests":[{"mediaType":"{{OciMediaTypes.Manifest}}","digest":"{{image.ManifestDigest}}","size":{{image.Manifest.Size}}}]}
            """);

        var error = await Should.ThrowAsync<ImageImportException>(() => Importer.ImportLayoutAsync(image.LayoutDirectory, null, Ct));

        error.Kind.ShouldBe(ImageImportErrorKind.InvalidName);
        error.Message.ShouldContain($"index.json entry {image.ManifestDigest} has no io.containerd.image.name annotation");
    }

    [Fact]
    public async Task ImportLayoutAsync_LayerNotWhatTheConfigSays_RefusedAtUnpackAndNoSnapshot()
    {
        // Every blob is intact; only the unpack can tell that layer 1 is not the claimed diff ID.
        var lie = $"sha256:{new string('7', 64)}";
        var (_, _, diffIds) = TwoLayerImage.Write(_temp.File("layout"), "hull.test/two-layers:lying", 8080, firstDiffIdClaim: lie);

        var error = await Should.ThrowAsync<ImageImportException>(() => Importer.ImportLayoutAsync(_temp.File("layout"), null, Ct));

        error.Kind.ShouldBe(ImageImportErrorKind.DigestMismatch);
        error.Message.ShouldContain("unpack layer 1/2");
        error.Message.ShouldContain($"unpacks to {diffIds[0]}, but the config says its diff_id is {lie}");
        (await containerd.Containerd.StatSnapshotAsync(containerd.Snapshotter, lie, Ct)).ShouldBeNull();
        (await containerd.Containerd.GetImageAsync("hull.test/two-layers:lying", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ImportLayoutAsync_AfterTheCollectorRan_TheImageKeepsItsBlobsAndSnapshots()
    {
        var kept = TestImages.BusyboxHttpd("kept").WriteLayout(_temp.File("kept"), "hull.test/httpd:kept");
        var dropped = TestImages.BusyboxHttpd("dropped").WriteLayout(_temp.File("dropped"), "hull.test/httpd:dropped");
        await Importer.ImportLayoutAsync(kept.LayoutDirectory, null, Ct);
        await Importer.ImportLayoutAsync(dropped.LayoutDirectory, null, Ct);
        // CRI adds a record of its own per image (named by the config digest) once it has seen it.
        await containerd.CriImageAsync("hull.test/httpd:kept");
        await containerd.CriImageAsync("hull.test/httpd:dropped");

        // CRI deletes every record of the image, the last one synchronously: the collector runs.
        await containerd.Cri.RemoveImageAsync("hull.test/httpd:dropped", Ct);

        // The collector did run: what only the deleted records referenced is gone ...
        await containerd.EventuallyAsync(async () =>
        {
            (await containerd.Containerd.ContentInfoAsync(dropped.Layer.Digest, Ct)).ShouldBeNull();
            (await containerd.Containerd.StatSnapshotAsync(containerd.Snapshotter, dropped.DiffId, Ct)).ShouldBeNull();
        }, "the deleted image collected");
        // ... and the labels kept everything of the other image.
        foreach (var digest in (string[])[kept.ManifestDigest, kept.Config.Digest, kept.Layer.Digest])
        {
            (await containerd.Containerd.ContentInfoAsync(digest, Ct)).ShouldNotBeNull(digest);
        }

        (await containerd.Containerd.StatSnapshotAsync(containerd.Snapshotter, kept.DiffId, Ct)).ShouldNotBeNull();
    }

    private static void Corrupt(string blob)
    {
        var bytes = File.ReadAllBytes(blob);
        bytes[bytes.Length / 2] ^= 0x5a;   // same size, other bytes
        File.WriteAllBytes(blob, bytes);
    }

    public void Dispose() => _temp.Dispose();
}
