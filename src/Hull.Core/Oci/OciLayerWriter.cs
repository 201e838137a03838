using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Hull.Oci;

/// <summary>
/// Writes the layer tar. Deterministic: entries sorted by name, one fixed mtime, uid/gid 0, no
/// user names. Ustar, not PAX: .NET names PAX extended headers after the process id, which
/// would change the digest from one run to the next.
/// </summary>
internal static class OciLayerWriter
{
    /// <summary>Writes <paramref name="entries"/> as a tar into <paramref name="tarPath"/>.</summary>
    public static void WriteTar(IEnumerable<OciLayerEntry> entries, string tarPath)
    {
        using var output = File.Create(tarPath);
        using var writer = new TarWriter(output, TarEntryFormat.Ustar);
        foreach (var e in entries.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            var entry = Entry(e.Type, e.TarName, e.Mode);
            if (e.Type == TarEntryType.SymbolicLink)
            {
                entry.LinkName = e.LinkTarget!;
                writer.WriteEntry(entry);
            }
            else if (e.Type == TarEntryType.RegularFile)
            {
                using Stream data = e.HostPath is not null ? File.OpenRead(e.HostPath) : new MemoryStream(e.Content!, writable: false);
                entry.DataStream = data;
                writer.WriteEntry(entry);
            }
            else
            {
                writer.WriteEntry(entry);
            }
        }
    }

    /// <summary>A ustar entry with the fixed owner and time.</summary>
    public static UstarTarEntry Entry(TarEntryType type, string name, UnixFileMode mode) => new(type, name)
    {
        Mode = mode,
        ModificationTime = OciImageBuilder.Timestamp,
        Uid = 0,
        Gid = 0,
    };

    /// <summary>Gzips <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void Gzip(string source, string destination)
    {
        using var input = File.OpenRead(source);
        using var output = File.Create(destination);
        using var gzip = new GZipStream(output, CompressionLevel.Optimal);
        input.CopyTo(gzip);
    }

    /// <summary>"sha256:" and the lowercase hex SHA-256 of the file.</summary>
    public static string Digest(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>"sha256:" and the lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
