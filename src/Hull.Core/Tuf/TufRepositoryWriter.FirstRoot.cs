namespace Hull.Tuf;

public sealed partial class TufRepositoryWriter
{
    /// <summary>
    /// A signed root.json version 1 from <paramref name="policy"/>, written nowhere: the root a publisher makes once and
    /// ships in images before any repository exists (hosts trust it out of band). <see cref="CreateFromRoot"/> starts a
    /// repository on it.
    /// </summary>
    public static byte[] SignFirstRoot(TufRootPolicy policy, IEnumerable<TufSigner> signers,
        TufWriterOptions? options = null, TimeProvider? timeProvider = null, DateTimeOffset? expires = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        var root = BuildRoot(policy, 1, ExpiresAt(time, expires, (options ?? new TufWriterOptions()).RootLifetime), extra: null);
        return TufMetadataWriter.Write(root, TufJsonContext.Default.TufRoot, Choose(root, TufRoles.Root, signers, "the new root.json"));
    }

    /// <summary>
    /// Creates a repository in <paramref name="directory"/> (which must not hold one) whose root version 1 is exactly
    /// <paramref name="rootFile"/> (from <see cref="SignFirstRoot"/>), then version 1 of an empty targets, snapshot and
    /// timestamp signed by <paramref name="signers"/>. <paramref name="rootFileName"/> names the root in errors.
    /// </summary>
    public static TufRepositoryWriter CreateFromRoot(string directory, byte[] rootFile, string rootFileName, IEnumerable<TufSigner> signers,
        TufWriterOptions? options = null, TimeProvider? timeProvider = null)
    {
        var keys = signers.ToList();
        var rootPath = Path.Combine(directory, TufRepositoryLayout.MetadataFolder, TufRoles.FileName(TufRoles.Root));
        if (File.Exists(rootPath))
        {
            throw new InvalidOperationException($"{rootPath}: the folder already holds a repository");
        }

        var parsed = TufMetadataParser.Root(rootFile, rootFileName);
        if (!parsed.Succeeded)
        {
            throw new InvalidDataException(parsed.Error.Message);
        }

        var root = parsed.Value;
        if (root.Signed.Version != 1)
        {
            throw new InvalidDataException($"{rootFileName}: version {root.Signed.Version}; a repository starts at root version 1");
        }

        // The client refuses a root its own keys did not sign; refuse it here, before anything is published on it.
        if (TufSignatureCheck.Check(root.Signed, TufRoles.Root, root, rootFileName) is { } unsigned)
        {
            throw new InvalidDataException(unsigned.Message);
        }

        foreach (var role in TufRoles.All)
        {
            Choose(root.Signed, role, keys, rootFileName);
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(rootPath)!);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, TufRepositoryLayout.TargetsFolder));
        var writer = new TufRepositoryWriter(directory, root.Signed, options, timeProvider ?? TimeProvider.System);
        writer.WriteMetadata(TufRoles.Root, 1, rootFile, versioned: true);
        writer.Publish(keys);
        return writer;
    }
}
