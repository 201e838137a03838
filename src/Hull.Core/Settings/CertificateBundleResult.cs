namespace Hull.Settings;

/// <summary>The certificates (DER) of a bundle, or why it was refused (then <see cref="Certificates"/> is empty).</summary>
internal readonly record struct CertificateBundleResult(IReadOnlyList<byte[]> Certificates, string? Error);
