using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

public sealed class TufSignerTests
{
    [Fact]
    public void Sign_Pkcs8Key_VerifiesWithSecureSystemsLib()
    {
        using var temp = new TempDirectory();
        using var signer = TufTestKeys.Generate(temp.Path, "key");
        var data = Encoding.UTF8.GetBytes("""{"_type":"timestamp","version":7}""");

        var signature = signer.Sign(data);

        signature.KeyId.ShouldBe(signer.KeyId);
        SecureSystemsLib.VerifyEcdsa(signer.Key.KeyValue.Public, signature.Sig, data, temp).ShouldBeTrue();
        SecureSystemsLib.VerifyEcdsa(signer.Key.KeyValue.Public, signature.Sig, [.. data, (byte)' '], temp).ShouldBeFalse();
    }

    [Fact]
    public void FromPemFile_Sec1EcPrivateKey_Loads()
    {
        using var temp = new TempDirectory();
        var path = temp.File("sec1.pem");
        ExternalTool.RunChecked("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", path);

        using var signer = TufSigner.FromPemFile(path);

        signer.Key.KeyType.ShouldBe("ecdsa");
        signer.Key.Scheme.ShouldBe("ecdsa-sha2-nistp256");
        signer.Key.KeyValue.Public.ShouldStartWith("-----BEGIN PUBLIC KEY-----\n");
        signer.Key.KeyValue.Public.ShouldEndWith("-----END PUBLIC KEY-----\n");
    }

    [Fact]
    public void KeyId_IsSha256OfTheCanonicalKey()
    {
        using var temp = new TempDirectory();
        using var signer = TufTestKeys.Generate(temp.Path, "key");
        var canonical = $$"""{"keytype":"ecdsa","keyval":{"public":"{{signer.Key.KeyValue.Public.Replace("\n", "\\n")}}"},"scheme":"ecdsa-sha2-nistp256"}""";
        using var document = JsonDocument.Parse(canonical);

        // The JSON above spells the newline as \n; canonical bytes carry it raw.
        var expected = Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Encode(document.RootElement)));

        signer.KeyId.ShouldBe(expected);
        Encoding.UTF8.GetString(CanonicalJson.Encode(document.RootElement)).ShouldContain("KEY-----\n");
    }

    [Fact]
    public void FromPemFile_P384Key_RefusedNamingTheFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("p384.pem");
        ExternalTool.RunChecked("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", path);

        var error = Should.Throw<InvalidDataException>(() => TufSigner.FromPemFile(path));

        error.Message.ShouldStartWith(path);
        error.Message.ShouldContain("P-256");
    }

    [Fact]
    public void FromPemFile_PublicKeyOnly_RefusedNamingTheFile()
    {
        using var temp = new TempDirectory();
        using var signer = TufTestKeys.Generate(temp.Path, "key");
        var path = temp.Write("public.pem", signer.Key.KeyValue.Public);

        Should.Throw<InvalidDataException>(() => TufSigner.FromPemFile(path)).Message.ShouldStartWith(path);
    }

    [Fact]
    public void FromPemFile_Missing_RefusedNamingTheFile()
    {
        using var temp = new TempDirectory();

        Should.Throw<InvalidDataException>(() => TufSigner.FromPemFile(temp.File("none.pem"))).Message.ShouldStartWith(temp.File("none.pem"));
    }
}
