using System.Security.Cryptography;
using Hull.Builder.Tools;
using Hull.Tuf;

namespace Hull.Builder.Keys;

/// <summary>
/// The update repository's signing keys, in keys/updates/ (outside git): one unencrypted P-256 PEM per TUF role
/// (ROLE.pem, and ROLE.2.pem ... when a role has several keys), made on first use, and root.json, the TUF root
/// version 1 made from them once and kept. Every image embeds that root.json, so a host trusts exactly the
/// repository whose keys built it; later roots reach hosts through the repository's root chain.
/// </summary>
internal sealed class UpdateKeys(string keysDirectory)
{
    /// <summary>Where every image carries root.json (the host's update agent seeds its TUF client from it).</summary>
    public const string PathInRoot = "/usr/share/hull/updates/root.json";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>keys/updates.</summary>
    public string Directory { get; } = Path.Combine(keysDirectory, "updates");

    /// <summary>keys/updates/root.json.</summary>
    public string RootFile => Path.Combine(Directory, "root.json");

    /// <summary>Where keys replaced by `hull repo rotate` are kept (never deleted by the tools).</summary>
    public string RetiredDirectory => Path.Combine(Directory, "retired");

    /// <summary>The first key file of <paramref name="role"/>: keys/updates/ROLE.pem.</summary>
    public string KeyFile(string role) => Path.Combine(Directory, role + ".pem");

    /// <summary>
    /// Makes what is missing: a key per role without one, then root.json (threshold 1 per role) unless it exists.
    /// Returns true when it made root.json. An existing root.json is never touched.
    /// </summary>
    public bool Ensure(TimeProvider? timeProvider = null)
    {
        if (File.Exists(RootFile))
        {
            return false;
        }

        System.IO.Directory.CreateDirectory(Directory);
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var role in TufRoles.All.Where(role => !File.Exists(KeyFile(role))))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            WritePrivate(KeyFile(role), key.ExportPkcs8PrivateKeyPem() + "\n");
        }

        var signers = TufRoles.All.ToDictionary(role => role, role => Load(KeyFile(role)));
        try
        {
            TufRolePolicy Policy(string role) => new([signers[role].Key], 1);
            var policy = new TufRootPolicy(Policy(TufRoles.Root), Policy(TufRoles.Targets), Policy(TufRoles.Snapshot), Policy(TufRoles.Timestamp));
            var root = TufRepositoryWriter.SignFirstRoot(policy, signers.Values, timeProvider: timeProvider);
            WritePrivate(RootFile, root);
            return true;
        }
        finally
        {
            foreach (var signer in signers.Values)
            {
                signer.Dispose();
            }
        }
    }

    /// <summary>Every signing key in keys/updates (the writer picks, per role, those root.json lists).</summary>
    public SignerSet LoadSigners()
    {
        var files = System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.pem").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            throw new ToolException($"{Directory}: no update signing keys (*.pem); `hull build` or `hull repo create` makes them on first use");
        }

        return new SignerSet(files.Select(Load));
    }

    /// <summary>Moves keys/updates/ROLE*.pem to retired/ROLE*.vN.pem (N: the last root version that listed them) and installs <paramref name="newKeys"/> (PEM texts).</summary>
    public void Replace(string role, IReadOnlyList<byte[]> newKeys, long retiredAfterRootVersion)
    {
        System.IO.Directory.CreateDirectory(RetiredDirectory);
        foreach (var old in RoleKeyFiles(role))
        {
            var name = Path.GetFileNameWithoutExtension(old);
            File.Move(old, Path.Combine(RetiredDirectory, $"{name}.v{retiredAfterRootVersion}.pem"), overwrite: true);
        }

        for (var i = 0; i < newKeys.Count; i++)
        {
            var target = i == 0 ? KeyFile(role) : Path.Combine(Directory, $"{role}.{i + 1}.pem");
            WritePrivate(target, newKeys[i]);
        }
    }

    private IEnumerable<string> RoleKeyFiles(string role) =>
        System.IO.Directory.GetFiles(Directory, "*.pem")
            .Where(f => Path.GetFileName(f) == role + ".pem" || Path.GetFileName(f).StartsWith(role + ".", StringComparison.Ordinal));

    private static TufSigner Load(string file)
    {
        try
        {
            return TufSigner.FromPemFile(file);
        }
        catch (InvalidDataException e)
        {
            throw new ToolException(e.Message);
        }
    }

    private static void WritePrivate(string path, string text) => WritePrivate(path, System.Text.Encoding.ASCII.GetBytes(text));

    private static void WritePrivate(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
