using Hull.Core.Tests.TestSupport;

namespace Hull.Core.Tests.Cpio;

/// <summary>Drives GNU cpio as the oracle for the archive writer.</summary>
internal static class GnuCpio
{
    private const string Tool = "cpio";

    /// <summary><c>cpio -itv</c>: one line per entry, ls -l style.</summary>
    public static string[] ListVerbose(string archivePath)
        => Lines(ExternalTool.RunChecked(Tool, ["-itv", "--quiet"], stdinPath: archivePath).Stdout);

    /// <summary><c>cpio -idm</c> into <paramref name="directory"/>, keeping mtimes.</summary>
    public static void Extract(string archivePath, string directory)
        => ExternalTool.RunChecked(Tool, ["-idm", "--quiet", "--no-absolute-filenames"], directory, archivePath);

    /// <summary>Names listed by <c>zcat | cpio -t</c> on a gzip-compressed archive.</summary>
    public static string[] ListGzipped(string gzipPath)
        => Lines(ExternalTool.RunChecked("sh", ["-c", $"zcat '{gzipPath}' | cpio -t --quiet"]).Stdout);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
