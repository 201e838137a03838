namespace Hull.Containerd;

/// <summary>
/// The labels containerd's garbage collector follows (metadata/gc.go, images/mediatypes.go in
/// containerd 1.6): once the import's lease is gone, only these keep an image's blobs and
/// snapshots alive. The image record references its target; the target its children.
/// </summary>
internal static class GcLabels
{
    /// <summary>On a manifest: its config.</summary>
    public const string Config = "containerd.io/gc.ref.content.config";

    /// <summary>On a layer blob: the digest of its uncompressed tar (its diff ID), set once an apply proved it.</summary>
    public const string Uncompressed = "containerd.io/uncompressed";

    /// <summary>On a manifest: layer <paramref name="index"/>.</summary>
    public static string Layer(int index) => $"containerd.io/gc.ref.content.l.{index}";

    /// <summary>On an index: its <paramref name="index"/>th manifest child.</summary>
    public static string Manifest(int index) => $"containerd.io/gc.ref.content.m.{index}";

    /// <summary>On an index: its <paramref name="index"/>th child that is neither manifest, config nor layer (a nested index).</summary>
    public static string Other(int index) => $"containerd.io/gc.ref.content.{index}";

    /// <summary>On a config: the committed snapshot (by chain ID) that is the image's root for <paramref name="snapshotter"/>.</summary>
    public static string Snapshot(string snapshotter) => $"containerd.io/gc.ref.snapshot.{snapshotter}";
}
