using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hull.Builder.Run;
using Hull.Builder.Tests.TestSupport;
using Hull.Settings;

namespace Hull.Builder.Tests.Run;

public sealed class TlsMaterialTests : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly TlsMaterial _tls;

    public TlsMaterialTests()
    {
        _tls = TlsMaterial.Create(_temp.File("tls"), new FixedTime(Now));
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("server")]
    [InlineData("client")]
    public void Create_Identity_ChainsToTheCa(string identity)
    {
        using var ca = _tls.LoadCa();
        using var leaf = X509CertificateLoader.LoadCertificateFromFile(identity == "server" ? _tls.ServerCertificate : _tls.ClientCertificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;

        chain.Build(leaf).ShouldBeTrue(string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        chain.ChainElements[^1].Certificate.Thumbprint.ShouldBe(ca.Thumbprint);
    }

    [Fact]
    public void Create_AnotherCa_DoesNotTrustThisServer()
    {
        using var otherTemp = new TempDirectory();
        var other = TlsMaterial.Create(otherTemp.Path, new FixedTime(Now));
        using var otherCa = other.LoadCa();
        using var leaf = X509CertificateLoader.LoadCertificateFromFile(_tls.ServerCertificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(otherCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;

        chain.Build(leaf).ShouldBeFalse();
    }

    [Fact]
    public void Create_ServerCertificate_HasLoopbackSanAndServerAuthOnly()
    {
        using var server = X509CertificateLoader.LoadCertificateFromFile(_tls.ServerCertificate);

        var san = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        san.EnumerateIPAddresses().ShouldContain(IPAddress.Parse("127.0.0.1"));
        san.EnumerateDnsNames().ShouldContain("localhost");
        Usages(server).ShouldBe([ServerAuth]);
        server.MatchesHostname("127.0.0.1").ShouldBeTrue();
    }

    [Fact]
    public void Create_ClientCertificate_HasClientAuthOnlyAndNoSan()
    {
        using var client = X509CertificateLoader.LoadCertificateFromFile(_tls.ClientCertificate);

        Usages(client).ShouldBe([ClientAuth]);
        client.Extensions.OfType<X509SubjectAlternativeNameExtension>().ShouldBeEmpty();
    }

    [Fact]
    public void Create_AllCertificates_ValidAroundTheGivenTimeForAYear()
    {
        foreach (var path in (string[])[_tls.CaCertificate, _tls.ServerCertificate, _tls.ClientCertificate])
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
            certificate.NotBefore.ToUniversalTime().ShouldBeLessThan(Now.UtcDateTime, path);
            certificate.NotAfter.ToUniversalTime().ShouldBeGreaterThan(Now.UtcDateTime.AddDays(364), path);
            certificate.NotAfter.ToUniversalTime().ShouldBeLessThanOrEqualTo(Now.UtcDateTime.AddYears(1), path);
            certificate.GetECDsaPublicKey()!.KeySize.ShouldBe(256, path);
        }
    }

    [Fact]
    public void Create_CaCertificate_IsACaAndLeavesAreNot()
    {
        using var ca = _tls.LoadCa();
        using var server = X509CertificateLoader.LoadCertificateFromFile(_tls.ServerCertificate);

        ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.ShouldBeTrue();
        server.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.ShouldBeFalse();
    }

    [Fact]
    public void Create_Certificates_OpensslVerifyAcceptsBothForTheirPurpose()
    {
        var server = ExternalTool.RunChecked("openssl", "verify", "-attime", Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-purpose", "sslserver", "-CAfile", _tls.CaCertificate, _tls.ServerCertificate);
        var client = ExternalTool.RunChecked("openssl", "verify", "-attime", Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-purpose", "sslclient", "-CAfile", _tls.CaCertificate, _tls.ClientCertificate);

        server.Stdout.ShouldContain(": OK");
        client.Stdout.ShouldContain(": OK");
    }

    [Fact]
    public void Create_ClientCertificate_OpensslRejectsItAsAServer()
    {
        var result = ExternalTool.Run("openssl", ["verify", "-attime", Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-purpose", "sslserver", "-CAfile", _tls.CaCertificate, _tls.ClientCertificate]);

        result.Succeeded.ShouldBeFalse(result.ToString());
    }

    [Fact]
    public void Create_Keys_MatchTheirCertificatesAndOnlyTheOwnerReadsThem()
    {
        using var server = X509Certificate2.CreateFromPemFile(_tls.ServerCertificate, _tls.ServerKey);
        using var client = _tls.LoadClient();

        server.HasPrivateKey.ShouldBeTrue();
        client.HasPrivateKey.ShouldBeTrue();
        Usages(client).ShouldBe([ClientAuth]);
        File.GetUnixFileMode(_tls.ServerKey).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(_tls.ClientKey).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void UserData_Port443_IsValidSettingsWithTheSamePems()
    {
        var parsed = UserDataSettings.Parse(_tls.UserData(443), "hull run");
        parsed.Errors.ShouldBeEmpty();

        var remote = parsed.Settings["api"]!["remote"]!;
        remote["enabled"]!.GetValue<bool>().ShouldBeTrue();
        remote["port"]!.GetValue<long>().ShouldBe(443);
        var certificate = remote["server-certificate"]!.GetValue<string>();
        var key = remote["server-key"]!.GetValue<string>();
        certificate.Trim().ShouldBe(File.ReadAllText(_tls.ServerCertificate).Trim());
        key.Trim().ShouldBe(File.ReadAllText(_tls.ServerKey).Trim());
        remote["client-ca"]!.GetValue<string>().Trim().ShouldBe(File.ReadAllText(_tls.CaCertificate).Trim());
        using var fromUserData = X509Certificate2.CreateFromPem(certificate, key);
        fromUserData.HasPrivateKey.ShouldBeTrue();
    }

    [Fact]
    public void UserData_OtherPort_CarriesIt()
    {
        UserDataSettings.Parse(_tls.UserData(8443), "hull run").Settings["api"]!["remote"]!["port"]!.GetValue<long>().ShouldBe(8443);
    }

    private static string[] Usages(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value!).ToArray();
}
