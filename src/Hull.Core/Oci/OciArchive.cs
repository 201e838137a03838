using System.Formats.Tar;

namespace Hull.Oci;

/// <summary>An OCI archive: a tar of an image layout's files, with oci-layout and index.json at its root.</summary>
public static class OciArchive
{
    /// <summary>Tars every file under <paramref name="layoutDirectory"/> into <paramref name="archivePath"/> (sorted, fixed times, owner 0) and returns the path.</summary>
    public static string Write(string layoutDirectory, string archivePath)
    {
        if (!File.Exists(Path.Combine(layoutDirectory, "oci-layout")))
        {
            throw new FileNotFoundException($"{layoutDirectory} is not an OCI image layout (no oci-layout file)");
        }

        var files = Directory.GetFiles(layoutDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(layoutDirectory, f))
            .Order(StringComparer.Ordinal)
            .ToList();
        var directories = files.Select(Path.GetDirectoryName).OfType<string>().Where(d => d.Length > 0)
            .SelectMany(Ancestors).Distinct().Order(StringComparer.Ordinal);

        using var output = File.Create(archivePath);
        using var writer = new TarWriter(output, TarEntryFormat.Ustar);
        foreach (var directory in directories)
        {
            writer.WriteEntry(OciLayerWriter.Entry(TarEntryType.Directory, directory + "/", OciImageBuilder.DirectoryMode));
        }

        foreach (var file in files)
        {
            using var content = File.OpenRead(Path.Combine(layoutDirectory, file));
            var entry = OciLayerWriter.Entry(TarEntryType.RegularFile, file, OciImageBuilder.RegularMode);
            entry.DataStream = content;
            writer.WriteEntry(entry);
        }

        return archivePath;
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var d = directory; !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d))
        {
            yield return d;
        }
    }
}
