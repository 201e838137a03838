using System.Security.Cryptography.X509Certificates;
using Hull.Builder.Keys;
using Hull.Builder.Tests.TestSupport;

namespace Hull.Builder.Tests.Keys;

public sealed class SecureBootKeysTests(SecureBootKeysFixture fixture) : IClassFixture<SecureBootKeysFixture>
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private SecureBootKeys Keys => fixture.Keys;

    [Fact]
    public void EnsureAsync_EmptyFolder_MakesEveryKeyCertAuthAndOwnerGuid()
    {
        fixture.FirstEnsureCreated.ShouldBeTrue();
        Keys.Exist.ShouldBeTrue();
        Guid.TryParse(File.ReadAllText(Keys.OwnerGuidFile).Trim(), out _).ShouldBeTrue();
        foreach (var name in SecureBootKeys.Names)
        {
            new FileInfo(Keys.Auth(name)).Length.ShouldBeGreaterThan(0);
            using var certificate = X509Certificate2.CreateFromPemFile(Keys.Certificate(name), Keys.Key(name));
            certificate.Subject.ShouldBe($"CN=Hull {name}");
            certificate.HasPrivateKey.ShouldBeTrue();
            certificate.GetRSAPublicKey()!.KeySize.ShouldBe(2048);
        }
    }

    [Fact]
    public void EnsureAsync_EmptyFolder_KeyFilesAndFolderOnlyForTheOwner()
    {
        foreach (var name in SecureBootKeys.Names)
        {
            File.GetUnixFileMode(Keys.Key(name)).ShouldBe(OwnerReadWrite, name);
        }

        File.GetUnixFileMode(Keys.Directory).ShouldBe(OwnerReadWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void EnsureAsync_EmptyFolder_EachAuthHoldsItsCertificateUnderTheOwnerGuid()
    {
        var owner = Guid.Parse(File.ReadAllText(Keys.OwnerGuidFile).Trim()).ToByteArray();
        foreach (var name in SecureBootKeys.Names)
        {
            var auth = File.ReadAllBytes(Keys.Auth(name));
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(Keys.Certificate(name));

            // EFI_SIGNATURE_DATA: the owner GUID (same byte order as .NET's) followed by the DER certificate.
            auth.AsSpan().IndexOf([.. owner, .. certificate.RawData]).ShouldBeGreaterThan(0, name);
        }
    }

    [Fact]
    public async Task EnsureAsync_SecondCall_ReturnsFalseAndChangesNothing()
    {
        var files = Directory.GetFiles(Keys.Directory).Order(StringComparer.Ordinal).ToList();
        var before = files.Select(f => (f, File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f))).ToList();

        var created = await Keys.EnsureAsync(TestContext.Current.CancellationToken);

        created.ShouldBeFalse();
        Directory.GetFiles(Keys.Directory).Order(StringComparer.Ordinal).ShouldBe(files);
        var after = files.Select(f => (f, File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f))).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            after[i].Item2.ShouldBe(before[i].Item2, files[i]);
            after[i].Item3.ShouldBe(before[i].Item3, files[i]);
        }
    }

    [Fact]
    public void EnsureAsync_TwoFolders_MakeDifferentKeysAndOwners()
    {
        File.ReadAllText(fixture.OtherKeys.OwnerGuidFile).ShouldNotBe(File.ReadAllText(Keys.OwnerGuidFile));
        File.ReadAllText(fixture.OtherKeys.Certificate("db")).ShouldNotBe(File.ReadAllText(Keys.Certificate("db")));
    }

    [Fact]
    public void Exist_OneFileMissing_IsFalse()
    {
        using var temp = new TempDirectory();
        var partial = new SecureBootKeys(temp.Path);
        foreach (var source in Directory.GetFiles(Keys.Directory))
        {
            File.Copy(source, Path.Combine(temp.Path, Path.GetFileName(source)));
        }

        partial.Exist.ShouldBeTrue();
        File.Delete(partial.Auth("KEK"));
        partial.Exist.ShouldBeFalse();
    }

    [Fact]
    public async Task SignAsync_SystemdBootStub_SbverifyAcceptsWithDbCert()
    {
        var signed = await SignStubAsync("accepted.efi");

        var result = ExternalTool.Run("sbverify", ["--cert", Keys.Certificate("db"), signed]);

        result.Succeeded.ShouldBeTrue(result.ToString());
        result.Stdout.ShouldContain("Signature verification OK");
    }

    [Fact]
    public async Task SignAsync_SystemdBootStub_SbverifyRejectsAnotherKeySetsDbCert()
    {
        var signed = await SignStubAsync("rejected.efi");

        var result = ExternalTool.Run("sbverify", ["--cert", fixture.OtherKeys.Certificate("db"), signed]);

        result.Succeeded.ShouldBeFalse(result.ToString());
    }

    [Fact]
    public async Task SignAsync_UnsignedStub_WasNotVerifiableBefore()
    {
        var stub = await SystemdBoot.StubAsync();

        ExternalTool.Run("sbverify", ["--cert", Keys.Certificate("db"), stub]).Succeeded.ShouldBeFalse();
    }

    private async Task<string> SignStubAsync(string name)
    {
        var output = Path.Combine(fixture.Scratch, name);
        File.WriteAllText(output, "stale");
        await Keys.SignAsync(await SystemdBoot.StubAsync(), output, TestContext.Current.CancellationToken);
        return output;
    }
}
