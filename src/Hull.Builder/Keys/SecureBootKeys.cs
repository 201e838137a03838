using Hull.Builder.Tools;

namespace Hull.Builder.Keys;

/// <summary>
/// The image's own Secure Boot key set (PK, KEK, db), made with openssl and efitools on first
/// use and kept in a folder outside git. db signs systemd-boot and the UKIs; the signed
/// .auth lists are what gets enrolled into the firmware's variables.
/// </summary>
internal sealed class SecureBootKeys(string directory)
{
    public static readonly string[] Names = ["PK", "KEK", "db"];

    public string Directory { get; } = directory;

    public string Key(string name) => Path.Combine(Directory, name + ".key");

    public string Certificate(string name) => Path.Combine(Directory, name + ".crt");

    public string Auth(string name) => Path.Combine(Directory, name + ".auth");

    public string OwnerGuidFile => Path.Combine(Directory, "owner.guid");

    /// <summary>Whether a complete key set is present.</summary>
    public bool Exist => Names.All(n => File.Exists(Key(n)) && File.Exists(Certificate(n)) && File.Exists(Auth(n))) && File.Exists(OwnerGuidFile);

    /// <summary>Creates the key set unless one is already there; returns true when it made a new one.</summary>
    public async Task<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (Exist)
        {
            return false;
        }

        System.IO.Directory.CreateDirectory(Directory);
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var owner = Guid.NewGuid().ToString();
        await File.WriteAllTextAsync(OwnerGuidFile, owner + "\n", cancellationToken).ConfigureAwait(false);
        foreach (var name in Names)
        {
            await Tool.RunAsync("openssl", ["req", "-new", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
                "-subj", $"/CN=Hull {name}/", "-keyout", Key(name), "-out", Certificate(name)], cancellationToken: cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(Key(name), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var esl = Path.Combine(Directory, name + ".esl");
            await Tool.RunAsync("cert-to-efi-sig-list", ["-g", owner, Certificate(name), esl], cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // PK signs itself and KEK; KEK signs db (UEFI 2.x authenticated variables).
        await SignListAsync("PK", "PK", owner, cancellationToken).ConfigureAwait(false);
        await SignListAsync("KEK", "PK", owner, cancellationToken).ConfigureAwait(false);
        await SignListAsync("db", "KEK", owner, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Signs an EFI binary with the db key.</summary>
    public Task SignAsync(string input, string output, CancellationToken cancellationToken)
    {
        File.Delete(output);
        return Tool.RunAsync("sbsign", ["--key", Key("db"), "--cert", Certificate("db"), "--output", output, input], cancellationToken: cancellationToken);
    }

    private Task SignListAsync(string name, string signer, string owner, CancellationToken cancellationToken) =>
        Tool.RunAsync("sign-efi-sig-list", ["-g", owner, "-k", Key(signer), "-c", Certificate(signer), name,
            Path.Combine(Directory, name + ".esl"), Auth(name)], cancellationToken: cancellationToken);
}
