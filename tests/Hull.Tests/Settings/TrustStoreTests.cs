using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Hull.Datastore;
using Hull.Settings;
using Hull.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Hull.Tests.Settings;

/// <summary>
/// The trust store settings.pki shapes: the image's CA files under a temporary root plus trusted bundles, minus
/// distrusted ones, checked with openssl verify; and how an apply writes it and restarts containerd.
/// </summary>
public sealed class TrustStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RecordingRestarter _restarter = new();
    private readonly TestCa _imageCa = new("CN=image CA");
    private readonly TestCa _otherImageCa = new("CN=another image CA");
    private readonly TestCa _registryCa = new("CN=registry CA");

    public TrustStoreTests()
    {
        // As the image ships Debian's files: one PEM certificate per .crt file.
        var mozilla = Path.Combine(Root, TrustStore.ImageCertificates.TrimStart('/'));
        Directory.CreateDirectory(mozilla);
        File.WriteAllText(Path.Combine(mozilla, "B_Image_CA.crt"), _imageCa.Pem);
        File.WriteAllText(Path.Combine(mozilla, "A_Another_CA.crt"), _otherImageCa.Pem);
        File.WriteAllText(Path.Combine(mozilla, "README"), "not a certificate file");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Root => _dir.File("root");

    private string StoreFile => Path.Combine(Root, TrustStore.Path.TrimStart('/'));

    public void Dispose()
    {
        _dir.Dispose();
        _imageCa.Dispose();
        _otherImageCa.Dispose();
        _registryCa.Dispose();
    }

    [Fact]
    public void Render_NoPki_TheImagesCertificatesByFileNameEachAfterItsSource()
    {
        var store = TrustStore.Render([], Root);

        store.ShouldStartWith("# The host's trust store, written by hull: 2 certificates from the image (/usr/share/ca-certificates/mozilla) and settings.pki.\n");
        store.ShouldContain("# mozilla/A_Another_CA.crt\n-----BEGIN CERTIFICATE-----");
        store.IndexOf("mozilla/A_Another_CA.crt", StringComparison.Ordinal).ShouldBeLessThan(store.IndexOf("mozilla/B_Image_CA.crt", StringComparison.Ordinal));
        CertificateBundle.FromPem(store).Certificates.ShouldBe([_otherImageCa.Certificate.RawData, _imageCa.Certificate.RawData]);
        Verify(store, _imageCa).ShouldBeTrue();
        Verify(store, _registryCa).ShouldBeFalse();
    }

    [Fact]
    public void Render_TrustedBundle_AddedAfterTheImagesAndOpensslVerifiesItsServers()
    {
        var store = TrustStore.Render(Pki(("registry", _registryCa.Pem, true)), Root);

        CertificateBundle.FromPem(store).Certificates.Count.ShouldBe(3);
        store.ShouldEndWith("# settings.pki.registry\n" + _registryCa.Certificate.ExportCertificatePem() + "\n");
        Verify(store, _registryCa).ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void Render_BundleNotTrusted_ItsCertificatesRemovedEvenFromTheImages(bool? trusted)
    {
        // Bottlerocket's rule: trusted defaults to false, and a distrusted certificate goes wherever it came from.
        var store = TrustStore.Render(Pki(("distrust-image", _imageCa.Pem, trusted), ("registry", _registryCa.Pem + _imageCa.Pem, true)), Root);

        Verify(store, _imageCa).ShouldBeFalse();
        Verify(store, _registryCa).ShouldBeTrue();
        CertificateBundle.FromPem(store).Certificates.ShouldBe([_otherImageCa.Certificate.RawData, _registryCa.Certificate.RawData]);
    }

    [Fact]
    public void Render_CertificateTrustedTwiceAndInTheImage_WrittenOnce()
    {
        var store = TrustStore.Render(Pki(("one", _imageCa.Pem, true), ("two", _imageCa.Pem + _registryCa.Pem, true)), Root);

        CertificateBundle.FromPem(store).Certificates.ShouldBe([_otherImageCa.Certificate.RawData, _imageCa.Certificate.RawData, _registryCa.Certificate.RawData]);
        store.ShouldContain("# settings.pki.two\n");
        store.ShouldNotContain("# settings.pki.one\n");
    }

    [Fact]
    public void Render_BlankData_BundleLeftOut()
    {
        TrustStore.Render(Pki(("off", "", true)), Root).ShouldBe(TrustStore.Render([], Root));
    }

    [Fact]
    public void Render_NoImageCertificates_OnlyTheTrustedBundles()
    {
        var store = TrustStore.Render(Pki(("registry", _registryCa.Pem, true)), _dir.File("empty-root"));

        CertificateBundle.FromPem(store).Certificates.ShouldBe([_registryCa.Certificate.RawData]);
    }

    [Fact]
    public void Render_InvalidDataFromTheStore_RefusedNamingTheKey()
    {
        var settings = JsonNode.Parse("""{"pki": {"broken": {"data": "aGVsbG8=", "trusted": true}}}""")!.AsObject();

        Should.Throw<ArgumentException>(() => TrustStore.Render(settings, Root)).Message
            .ShouldBe("settings.pki.broken.data is not base64 of PEM certificates: it has no -----BEGIN CERTIFICATE----- block");
    }

    [Fact]
    public async Task ApplyEverything_AtBootWithoutPki_LeavesWhatPid1WroteAndRestartsNothing()
    {
        WriteBootStore();

        await StartAsync();

        _restarter.Calls.ShouldBeEmpty();
        File.ReadAllText(StoreFile).ShouldBe(TrustStore.Render([], Root));
    }

    [Fact]
    public async Task CommitAndApply_TrustedBundle_StoreWrittenAndContainerdRestartedAsTheDryRunSaid()
    {
        WriteBootStore();
        var settings = await StartAsync();
        (await settings.PatchAsync(Pki(("registry", _registryCa.Pem, true)), "pki", Ct)).Succeeded.ShouldBeTrue();
        var dryRun = (await settings.DryRunAsync("pki", Ct)).Value!;

        var applied = (await settings.CommitAndApplyAsync("pki", null, Ct)).Value!;

        applied.Failures.ShouldBeEmpty();
        dryRun.Services.ShouldBe(["containerd"]);
        dryRun.Files.ShouldHaveSingleItem().Path.ShouldBe(TrustStore.Path);
        _restarter.Calls.ShouldBe([["containerd"]]);
        Verify(File.ReadAllText(StoreFile), _registryCa).ShouldBeTrue();
    }

    [Fact]
    public async Task CommitAndApply_DistrustingACertificateNotInTheStore_NothingRestarted()
    {
        WriteBootStore();
        var settings = await StartAsync();
        (await settings.PatchAsync(Pki(("unknown", _registryCa.Pem, false)), "pki", Ct)).Succeeded.ShouldBeTrue();

        (await settings.CommitAndApplyAsync("pki", null, Ct)).Value!.Failures.ShouldBeEmpty();

        _restarter.Calls.ShouldBeEmpty();
    }

    // The settings service over the in-memory datastore, with every setting applied as at boot.
    private async Task<SettingsService> StartAsync()
    {
        _dir.Write("root/sys/kernel/security/lockdown", "[none] integrity confidentiality\n"); // the kernel's, for the default lockdown
        var settings = new SettingsService(new InMemoryDatastore(), new SettingsApplier(Root, _ => { }, TextWriter.Null), SettingsDefaults.DefaultVariant,
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)), restarter: _restarter);
        await settings.EnsureDefaultsAsync(Ct);
        await settings.ResumeConfirmationAsync(Ct);
        (await settings.ApplyAsync(null, Ct)).ShouldBeEmpty();
        return settings;
    }

    // What PID 1's EtcFiles writes every boot, before containerd starts (the other files of /etc do not matter here).
    private void WriteBootStore() => Hull.Init.EtcFiles.WriteContainerdSettingsDefaults(Root);

    private static JsonObject Pki(params (string Name, string Pem, bool? Trusted)[] bundles)
    {
        var pki = new JsonObject();
        foreach (var (name, pem, trusted) in bundles)
        {
            var bundle = new JsonObject { ["data"] = pem.Length == 0 ? "" : Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)) };
            if (trusted is { } t)
            {
                bundle["trusted"] = t;
            }

            pki[name] = bundle;
        }

        return new JsonObject { ["pki"] = pki };
    }

    // The oracle: does openssl, given the store as its CA file, accept a server certificate the CA signed?
    private bool Verify(string store, TestCa ca)
    {
        var storeFile = _dir.File($"store-{Guid.NewGuid():N}.pem");
        File.WriteAllText(storeFile, store);
        var leaf = _dir.File($"leaf-{Guid.NewGuid():N}.pem");
        File.WriteAllText(leaf, ca.IssueLeafPem());
        return ExternalTool.Run("openssl", "verify", "-CAfile", storeFile, leaf).Succeeded;
    }

    /// <summary>A CA made for the test, and server certificates it signs.</summary>
    private sealed class TestCa : IDisposable
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        public TestCa(string subject)
        {
            var request = new CertificateRequest(subject, _key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
            Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        }

        public X509Certificate2 Certificate { get; }

        public string Pem => Certificate.ExportCertificatePem() + "\n";

        public string IssueLeafPem()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=server", key, HashAlgorithmName.SHA256);
            var serial = RandomNumberGenerator.GetBytes(8);
            serial[0] &= 0x7f; // positive, as RFC 5280 wants
            using var leaf = request.Create(Certificate, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), serial);
            return leaf.ExportCertificatePem() + "\n";
        }

        public void Dispose()
        {
            Certificate.Dispose();
            _key.Dispose();
        }
    }
}
