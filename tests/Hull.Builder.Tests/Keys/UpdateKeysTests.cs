using System.Security.Cryptography;
using Hull.Builder.Keys;
using Hull.Builder.Tests.TestSupport;
using Hull.Builder.Tools;
using Hull.Tuf;

namespace Hull.Builder.Tests.Keys;

public sealed class UpdateKeysTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ensure_EmptyFolder_MakesAPrivateP256KeyPerRoleAndARootAClientTrusts()
    {
        var keys = new UpdateKeys(_temp.File("keys"));

        keys.Ensure(new FixedTime(Now)).ShouldBeTrue();

        Directory.GetFiles(keys.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["root.json", "root.pem", "snapshot.pem", "targets.pem", "timestamp.pem"]);
        foreach (var role in TufRoles.All)
        {
            File.GetUnixFileMode(keys.KeyFile(role)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(keys.KeyFile(role)));
            key.ExportParameters(false).Curve.Oid.Value.ShouldBe("1.2.840.10045.3.1.7");
        }

        // A client that holds only this root refuses the (absent) repository for lack of a timestamp, not for the root.
        var client = _temp.File("client");
        Directory.CreateDirectory(client);
        File.Copy(keys.RootFile, Path.Combine(client, "root.json"));
        var result = await new TufClient(new DirectoryTufTransport(_temp.File("nowhere")), client, timeProvider: new FixedTime(Now))
            .RefreshAsync(TestContext.Current.CancellationToken);
        result.Error!.File.ShouldBe("timestamp.json");
    }

    [Fact]
    public void Ensure_Twice_KeepsTheRootAndTheKeys()
    {
        var keys = new UpdateKeys(_temp.File("keys"));
        keys.Ensure();
        var before = Directory.GetFiles(keys.Directory).ToDictionary(f => f, File.ReadAllText);

        keys.Ensure().ShouldBeFalse();

        Directory.GetFiles(keys.Directory).ToDictionary(f => f, File.ReadAllText).ShouldBe(before);
    }

    [Fact]
    public void Ensure_OperatorsOwnTargetsKey_RootListsIt()
    {
        var keys = new UpdateKeys(_temp.File("keys"));
        Directory.CreateDirectory(keys.Directory);
        using (var own = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(keys.KeyFile("targets"), own.ExportECPrivateKeyPem());
        }

        keys.Ensure();

        using var signers = keys.LoadSigners();
        using var targets = TufSigner.FromPemFile(keys.KeyFile("targets"));
        System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(keys.RootFile)).ShouldContain(targets.KeyId);
        signers.All.Count.ShouldBe(4);
    }

    [Fact]
    public void LoadSigners_NoKeys_ThrowsNamingTheFolder()
    {
        var keys = new UpdateKeys(_temp.File("keys"));

        Should.Throw<ToolException>(() => keys.LoadSigners()).Message.ShouldStartWith($"{keys.Directory}: no update signing keys");
    }
}
