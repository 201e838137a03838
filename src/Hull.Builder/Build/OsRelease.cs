namespace Hull.Builder.Build;

/// <summary>The os-release file of the image (also the UKI's .osrel section, which systemd-boot shows and sorts by).</summary>
internal static class OsRelease
{
    public const string Variant = "default";

    /// <summary>The image's architecture, as update releases name it (os-release has no field for it).</summary>
    public const string Arch = "x86_64";

    public static string Format(string version, string buildId) => $"""
        NAME=Hull
        ID=hull
        PRETTY_NAME="Hull {version}"
        VERSION_ID={version}
        VARIANT_ID={Variant}
        BUILD_ID={buildId}
        HOME_URL="https://hull.invalid/"

        """;
}
