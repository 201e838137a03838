using System.Security.Cryptography;
using System.Text.Json;

namespace Hull.Tuf;

public sealed partial class TufRepositoryWriter
{
    /// <summary>
    /// Copies <paramref name="sourceFile"/> into targets/ (as DIR/SHA256.NAME with consistent snapshots, else as the
    /// path) and lists it under <paramref name="targetPath"/> with its length, sha256 and <paramref name="custom"/>
    /// data. Clients see it once targets, snapshot and timestamp are signed.
    /// </summary>
    public TufTargetFile AddTarget(string targetPath, string sourceFile, JsonElement? custom = null)
    {
        if (TufRepositoryLayout.CheckTargetPath(targetPath) is { } problem)
        {
            throw new ArgumentException(problem, nameof(targetPath));
        }

        var tempDirectory = Path.GetDirectoryName(Path.Combine(_targetsDirectory, targetPath))!;
        System.IO.Directory.CreateDirectory(tempDirectory);
        var temp = Path.Combine(tempDirectory, $".{Path.GetFileName(targetPath)}.tmp");
        long length;
        string sha256;
        using (var input = OpenSource(sourceFile))
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[256 * 1024];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
            }

            output.Flush(flushToDisk: true);
            length = output.Length;
            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        var stored = Consistent ? TufRepositoryLayout.ConsistentName(targetPath, sha256) : targetPath;
        File.Move(temp, Path.Combine(_targetsDirectory, stored), overwrite: true);
        var entry = new TufTargetFile(length, new Dictionary<string, string> { [TufHashes.Sha256] = sha256 }, custom?.Clone());
        _targetFiles[targetPath] = entry;
        return entry;
    }

    /// <summary>Stops listing <paramref name="targetPath"/> from the next targets version; the file stays for clients of older snapshots.</summary>
    public bool RemoveTarget(string targetPath) => _targetFiles.Remove(targetPath);

    private static FileStream OpenSource(string sourceFile)
    {
        try
        {
            return File.OpenRead(sourceFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{sourceFile}: cannot read the target file: {e.Message}", e);
        }
    }
}
