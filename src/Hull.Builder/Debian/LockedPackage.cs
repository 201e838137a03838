namespace Hull.Builder.Debian;

/// <summary>One pinned Debian package: exactly this version and these bytes, from this suite's archive.</summary>
internal sealed record LockedPackage(string Name, string Version, string Architecture, long Size, string Sha256, string Suite)
{
    /// <summary>The file name apt-get download gives the package (epoch colons become %3a).</summary>
    public string FileName => $"{Name}_{Version.Replace(":", "%3a", StringComparison.Ordinal)}_{Architecture}.deb";
}
