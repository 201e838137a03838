namespace Hull.Api;

/// <summary>POST /images/import: one image the archive held, now in containerd under <paramref name="Name"/>.</summary>
internal sealed record ImportedImageInfo(string Name, string ManifestDigest, long Size);
