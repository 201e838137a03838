using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Signing keys made per test by openssl, the way an operator makes them; nothing is committed.</summary>
internal static class TufTestKeys
{
    /// <summary>A new P-256 key as a PKCS#8 PEM file in <paramref name="directory"/>, loaded.</summary>
    public static TufSigner Generate(string directory, string name)
    {
        var path = Path.Combine(directory, $"{name}.pem");
        ExternalTool.RunChecked("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path);
        return TufSigner.FromPemFile(path);
    }

    /// <summary>A role policy from the public halves of <paramref name="signers"/>.</summary>
    public static TufRolePolicy Policy(int threshold, params TufSigner[] signers) => new([.. signers.Select(s => s.Key)], threshold);
}
