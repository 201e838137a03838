using System.Text.Json.Nodes;
using Hull.Datastore;
using Hull.Platform;
using Hull.Settings;
using Hull.Tests.Platform;

namespace Hull.Tests.Settings;

/// <summary>settings.kernel.lockdown and settings.kernel.modules through the settings service, over a temporary root standing in for the kernel's files.</summary>
public sealed class KernelSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeModuleSyscalls _calls = new();

    public KernelSettingsTests()
    {
        _dir.Write("sys/kernel/security/lockdown", "[none] integrity confidentiality\n");
        _dir.Write("proc/modules", "isofs 57344 0 - Live 0x0\ncdrom 81920 1 isofs, Live 0x0\n");
        Directory.CreateDirectory(_dir.File("sys/module/isofs"));
        Directory.CreateDirectory(_dir.File("sys/module/cdrom"));
        _dir.Write("usr/lib/hull/modules.index", "tun /m/tun.ko\nisofs /m/cdrom.ko /m/isofs.ko\ncdrom /m/cdrom.ko\n");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    private async Task<SettingsService> NewHostAsync()
    {
        var service = new SettingsService(new InMemoryDatastore(), new SettingsApplier(_dir.Path, _ => { }, TextWriter.Null, _calls), SettingsDefaults.DefaultVariant);
        await service.EnsureDefaultsAsync(Ct);
        return service;
    }

    private static async Task<SettingsOutcome<CommitApplied>> SetAsync(SettingsService service, string json)
    {
        var patch = await service.PatchAsync(JsonNode.Parse(json)!.AsObject(), "t", Ct);
        patch.Succeeded.ShouldBeTrue(string.Join("; ", patch.Errors));
        return await service.CommitAndApplyAsync("t", null, Ct);
    }

    private string Lockdown => File.ReadAllText(_dir.File("sys/kernel/security/lockdown"));

    [Fact]
    public async Task ApplyAll_DefaultsOnAnUnlockedKernel_RaisesToIntegrity()
    {
        var service = await NewHostAsync();

        (await service.ApplyAsync(null, Ct)).ShouldBeEmpty();

        Lockdown.ShouldBe("integrity");
    }

    [Fact]
    public async Task Commit_LowerLockdown_RefusedNamingTheKeyAndNothingChanges()
    {
        var service = await NewHostAsync();
        await SetAsync(service, """{"kernel": {"lockdown": "confidentiality"}}""");
        Lockdown.ShouldBe("confidentiality");

        var lower = await SetAsync(service, """{"kernel": {"lockdown": "integrity"}}""");

        lower.Succeeded.ShouldBeFalse();
        lower.Errors.ShouldHaveSingleItem().ShouldContain("settings.kernel.lockdown: the kernel is locked down to 'confidentiality'");
        (await service.GetAsync(["kernel.lockdown"], null, null, Ct)).Value!["kernel"]!["lockdown"]!.GetValue<string>().ShouldBe("confidentiality");
    }

    [Fact]
    public async Task CommitAndApply_ModuleAllowed_LoadsItAndBlockedUnloadsAndWritesThePolicy()
    {
        var service = await NewHostAsync();

        var applied = await SetAsync(service, """{"kernel": {"modules": {"tun": {"allowed": true}, "isofs": {"allowed": false}}}}""");

        applied.Succeeded.ShouldBeTrue(string.Join("; ", applied.Errors));
        applied.Value!.Failures.ShouldBeEmpty();
        _calls.Calls.ShouldBe([$"load {_dir.File("m/tun.ko")}", "unload isofs"], ignoreOrder: true);
        File.ReadAllText(_dir.File("var/lib/hull/kernel-modules.blocked")).Split('\n').ShouldContain("isofs");
    }

    [Fact]
    public async Task CommitAndApply_BlockedModuleInUse_ReportedAsAFailureNamingTheKey()
    {
        var service = await NewHostAsync();

        var applied = await SetAsync(service, """{"kernel": {"modules": {"cdrom": {"allowed": false}}}}""");

        applied.Value!.Failures.ShouldHaveSingleItem().Message.ShouldStartWith("settings.kernel.modules.cdrom.allowed: cdrom is in use (by isofs)");
        File.ReadAllText(_dir.File("var/lib/hull/kernel-modules.blocked")).Split('\n').ShouldContain("cdrom");
    }

    [Fact]
    public async Task DryRun_SameLockdownAndLoadedModule_NoChange_OtherwiseTheKernelsState()
    {
        var service = await NewHostAsync();
        await service.ApplyAsync(null, Ct);

        (await service.PatchAsync(JsonNode.Parse("""{"kernel": {"lockdown": "integrity", "modules": {"isofs": {"allowed": true}, "tun": {"allowed": true}}}}""")!.AsObject(), "d", Ct)).Succeeded.ShouldBeTrue();
        var dryRun = (await service.DryRunAsync("d", Ct)).Value!;

        dryRun.Files.ShouldHaveSingleItem().Path.ShouldBe("/sys/module/tun");
        dryRun.Files[0].Before.ShouldBe(KernelModules.NotLoaded);
        dryRun.Files[0].After.ShouldBe(KernelModules.Loaded);
        _calls.Calls.ShouldBeEmpty();
    }
}
