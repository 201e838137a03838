namespace Hull.Core.Tests.TestSupport;

/// <summary>Runs a real tool (sgdisk, mkfs.erofs, ...) as an outside oracle for on-disk formats.</summary>
internal static class Tool
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="args"/> and captures its output; does not throw on a non-zero exit.</summary>
    public static ToolResult Run(string fileName, params string[] args) => ExternalTool.Run(fileName, args);
}
