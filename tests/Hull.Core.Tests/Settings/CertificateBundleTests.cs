using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hull.Settings;

namespace Hull.Core.Tests.Settings;

/// <summary>settings.pki bundles: every block a certificate that parses, or a reason that names what is wrong.</summary>
public sealed class CertificateBundleTests
{
    private static readonly X509Certificate2 First = SelfSigned("CN=first");
    private static readonly X509Certificate2 Second = SelfSigned("CN=second");

    [Fact]
    public void FromBase64_TwoCertificatesWithTextBetween_BothInOrder()
    {
        var pem = $"# a comment line\n{First.ExportCertificatePem()}\nsubject=CN=second\n{Second.ExportCertificatePem()}\n";

        var result = CertificateBundle.FromBase64(Base64(pem));

        result.Error.ShouldBeNull();
        result.Certificates.ShouldBe([First.RawData, Second.RawData]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void FromBase64_Blank_AnEmptyBundleAsBottlerocketAllows(string data)
    {
        var result = CertificateBundle.FromBase64(data);

        result.Error.ShouldBeNull();
        result.Certificates.ShouldBeEmpty();
    }

    [Fact]
    public void FromBase64_NotBase64_SaysSo()
    {
        CertificateBundle.FromBase64(First.ExportCertificatePem()).Error.ShouldBe("it is not base64 (encode the PEM file, e.g. base64 -w0 ca.pem)");
    }

    [Fact]
    public void FromBase64_DerInsteadOfPem_SaysItIsBinary()
    {
        CertificateBundle.FromBase64(Convert.ToBase64String(First.RawData)).Error!.ShouldStartWith("it decodes to binary data, not PEM text");
    }

    [Fact]
    public void FromBase64_TextWithoutBlocks_SaysNoCertificateBlock()
    {
        CertificateBundle.FromBase64(Base64("hello")).Error.ShouldBe("it has no -----BEGIN CERTIFICATE----- block");
    }

    [Fact]
    public void FromPem_PrivateKeyAfterACertificate_NamesTheBlockAndItsLabel()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = CertificateBundle.FromPem(First.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());

        result.Error.ShouldBe("block 2 is a PRIVATE KEY, not a CERTIFICATE");
        result.Certificates.ShouldBeEmpty();
    }

    [Fact]
    public void FromPem_CertificateBlockThatIsNotX509_Refused()
    {
        var notDer = PemEncoding.WriteString("CERTIFICATE", Encoding.ASCII.GetBytes("not a certificate at all"));

        CertificateBundle.FromPem(notDer).Error.ShouldBe("certificate 1 is not an X.509 certificate (its DER does not parse)");
    }

    [Fact]
    public void FromPem_BlockWithoutEndLine_Refused()
    {
        var pem = First.ExportCertificatePem();
        var truncated = pem[..pem.IndexOf("-----END", StringComparison.Ordinal)];

        CertificateBundle.FromPem(First.ExportCertificatePem() + "\n" + truncated).Error
            .ShouldBe("after 1 certificate(s) a -----BEGIN line starts no valid PEM block (a missing -----END line, or bad base64 inside)");
    }

    [Fact]
    public void FromPem_OpensslBundle_ReadsEveryCertificateOpensslWrote()
    {
        // The oracle: openssl writes the PEM (with its -text dump between blocks, as many bundles carry).
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("first.pem"), First.ExportCertificatePem());
        File.WriteAllText(temp.File("second.pem"), Second.ExportCertificatePem());
        var text = ExternalTool.RunChecked("openssl", "x509", "-in", temp.File("first.pem"), "-text").Stdout
            + ExternalTool.RunChecked("openssl", "x509", "-in", temp.File("second.pem"), "-text").Stdout;

        CertificateBundle.FromPem(text).Certificates.ShouldBe([First.RawData, Second.RawData]);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
