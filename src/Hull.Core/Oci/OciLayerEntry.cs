using System.Formats.Tar;

namespace Hull.Oci;

/// <summary>One entry of the image's layer: a file (bytes or a host file), a symlink or a directory, at a path relative to the root.</summary>
internal sealed record OciLayerEntry(string Path, TarEntryType Type, UnixFileMode Mode)
{
    public byte[]? Content { get; init; }

    public string? HostPath { get; init; }

    public string? LinkTarget { get; init; }

    /// <summary>The tar entry name: relative, directories with a trailing slash as tar(1) writes them.</summary>
    public string TarName => Type == TarEntryType.Directory ? Path + "/" : Path;
}
