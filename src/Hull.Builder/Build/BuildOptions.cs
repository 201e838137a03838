using Hull.Builder.Tools;
using Hull.Updates;

namespace Hull.Builder.Build;

/// <summary>What `hull build` was asked for beyond the checkout: a prebuilt host binary, a version and paths to leave out.</summary>
/// <param name="HullBinary">A NativeAOT hull binary to use instead of publishing one.</param>
/// <param name="Version">Overrides image/version (MAJOR.MINOR.PATCH).</param>
/// <param name="Excludes">Absolute paths (files, links or directories) left out of the root tree.</param>
internal sealed record BuildOptions(string? HullBinary = null, string? Version = null, IReadOnlyList<string>? Excludes = null)
{
    /// <summary>The image version: <see cref="Version"/> when given, else image/version's text; either must be MAJOR.MINOR.PATCH.</summary>
    public string ResolveVersion(string versionFileText, string versionFileName)
    {
        var (text, source) = Version is { } given ? (given, "--version") : (versionFileText.Trim(), versionFileName);
        return HullVersion.TryParse(text, out var version)
            ? version.ToString()
            : throw new ToolException($"{source}: '{text}' is not a version; expected MAJOR.MINOR.PATCH, such as 2.0.0");
    }
}
