using Hull.Datastore;
using Hull.Init;
using Hull.Settings;

namespace Hull.Tests.Settings;

/// <summary>First-boot user data over the in-memory datastore: where it came from and why it failed reach GET /user-data.</summary>
public sealed class EarlyBootConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    private async Task<(SettingsService Service, Hull.Api.UserDataStatus Status, string Console)> RunAsync()
    {
        var service = new SettingsService(new InMemoryDatastore(), new SettingsApplier(_dir.File("root"), _ => { }, TextWriter.Null), SettingsDefaults.DefaultVariant);
        await service.EnsureDefaultsAsync(Ct);
        var console = new StringWriter();
        var status = await EarlyBootConfig.RunOnceAsync(service, _dir.File("user-data.toml"), _dir.File("user-data-status.json"), console, Ct);
        return (service, status, console.ToString());
    }

    [Fact]
    public async Task RunOnceAsync_FromAConfigDrive_AppliesAndNamesTheDrive()
    {
        UserDataImport.ImportOnFirstBoot(
            [() => null, () => new PlatformUserData("config drive HULLDATA (/dev/vdb, vfat)", "[settings]\nmotd = \"from the drive\"\n"u8.ToArray())],
            _dir.File("user-data.toml"), TextWriter.Null);

        var (service, status, _) = await RunAsync();

        status.Applied.ShouldBeTrue(string.Join("; ", status.Errors));
        status.Source.ShouldBe("config drive HULLDATA (/dev/vdb, vfat)");
        (await service.GetAsync(["motd"], null, null, Ct)).Value!["motd"]!.GetValue<string>().ShouldBe("from the drive");
    }

    [Fact]
    public async Task RunOnceAsync_DriveThatCouldNotBeRead_NotAppliedWithTheReason()
    {
        UserDataImport.ImportOnFirstBoot(
            [() => new PlatformUserData("config drive HULLDATA (/dev/vdb, iso9660)", null, "no file named user-data at its root")],
            _dir.File("user-data.toml"), TextWriter.Null);

        var (_, status, _) = await RunAsync();

        status.Applied.ShouldBeFalse();
        status.Source.ShouldBe("config drive HULLDATA (/dev/vdb, iso9660)");
        status.Errors.ShouldBe(["config drive HULLDATA (/dev/vdb, iso9660): no file named user-data at its root"]);
    }

    [Fact]
    public async Task RunOnceAsync_GzipOnADriveWithABadKey_NothingAppliedAndTheKeyNamed()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("[settings]\nmotd = \"no\"\n[settings.kernel]\nlockdown = \"sometimes\"\n"u8);
        }

        UserDataImport.ImportOnFirstBoot([() => new PlatformUserData("config drive HULLDATA (/dev/vdb, vfat)", compressed.ToArray())], _dir.File("user-data.toml"), TextWriter.Null);

        var (service, status, console) = await RunAsync();

        status.Applied.ShouldBeFalse();
        status.Errors.ShouldContain(e => e.Contains("settings.kernel.lockdown", StringComparison.Ordinal));
        console.ShouldContain("NOT applied");
        (await service.GetAsync(["motd"], null, null, Ct)).Value!["motd"]!.GetValue<string>().ShouldNotBe("no");
    }
}
