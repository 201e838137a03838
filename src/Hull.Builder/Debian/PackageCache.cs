using System.Security.Cryptography;
using Hull.Builder.Tools;

namespace Hull.Builder.Debian;

/// <summary>
/// Downloaded .debs under the cache directory, each checked against the lock (size and SHA-256)
/// before use, and extracted once with dpkg-deb into a folder of its own.
/// </summary>
internal sealed class PackageCache(string cacheDirectory)
{
    private readonly string _cacheDirectory = cacheDirectory;
    private readonly string _debs = Path.Combine(cacheDirectory, "debs");
    private readonly string _extracted = Path.Combine(cacheDirectory, "extracted");

    /// <summary>Returns the verified .deb for <paramref name="package"/>, downloading it when absent.</summary>
    public async Task<string> GetAsync(LockedPackage package, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_debs);
        var path = Path.Combine(_debs, package.FileName);
        if (!File.Exists(path))
        {
            await AptClient.DownloadAsync(package, AptSource.For(package.Suite, _cacheDirectory), _debs, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(path))
            {
                throw new ToolException($"apt-get download {package.Name}={package.Version} did not produce {package.FileName}");
            }
        }

        await VerifyAsync(package, path, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Returns the folder holding the package's files, extracting the verified .deb when needed.</summary>
    public async Task<string> ExtractAsync(LockedPackage package, CancellationToken cancellationToken)
    {
        var target = Path.Combine(_extracted, $"{package.Name}_{package.Version}");
        var stamp = target + ".done";
        if (File.Exists(stamp))
        {
            return target;
        }

        var deb = await GetAsync(package, cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        await Tool.RunAsync("dpkg-deb", ["-x", deb, target], cancellationToken: cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(stamp, package.Sha256, cancellationToken).ConfigureAwait(false);
        return target;
    }

    /// <summary>Checks size and SHA-256; a mismatch deletes the file and stops the build naming the package.</summary>
    internal static async Task VerifyAsync(LockedPackage package, string path, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        string actual;
        await using (var stream = File.OpenRead(path))
        {
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        if (length != package.Size || actual != package.Sha256)
        {
            File.Delete(path);
            throw new ToolException(
                $"package '{package.Name}' {package.Version} does not match the lock: expected {package.Size} bytes, sha256 {package.Sha256}; " +
                $"got {length} bytes, sha256 {actual}. The download was deleted. If the archive really changed, run `./hull build --update-lock` and review the diff.");
        }
    }
}
