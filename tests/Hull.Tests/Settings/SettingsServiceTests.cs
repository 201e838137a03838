using Hull.Datastore;
using Hull.Settings;

namespace Hull.Tests.Settings;

/// <summary>The settings service over the in-memory datastore and a temporary root.</summary>
public sealed class SettingsServiceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Apply_ManyAtOnce_NoneFailsAndTheFileHoldsLive()
    {
        Directory.CreateDirectory(_dir.File("root/etc"));
        var service = new SettingsService(new InMemoryDatastore(), new SettingsApplier(_dir.File("root"), _ => { }, TextWriter.Null), SettingsDefaults.DefaultVariant);
        await service.EnsureDefaultsAsync(Ct);

        var failures = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            (await service.PatchAsync(new() { ["motd"] = $"round {i}" }, $"t{i}", Ct)).Succeeded.ShouldBeTrue();
            await service.CommitAsync($"t{i}", Ct);
            return await service.ApplyAsync(["settings.motd"], Ct);
        }, Ct)));

        failures.SelectMany(f => f).ShouldBeEmpty();
        var live = (await service.GetAsync(["motd"], null, null, Ct)).Value!["motd"]!.GetValue<string>();
        File.ReadAllText(_dir.File("root/etc/motd")).ShouldBe(live + "\n");
    }

    [Fact]
    public async Task CommitAndApply_RemovedSysctlAcrossAnApplierRestart_GoesBackToTheKernelsValue()
    {
        _dir.Write("root/proc/sys/vm/swappiness", "60\n");
        _dir.Write("root/sys/kernel/security/lockdown", "[none] integrity confidentiality\n"); // the kernel's, for the default lockdown
        var store = new InMemoryDatastore();
        var first = new SettingsService(store, new SettingsApplier(_dir.File("root"), _ => { }, TextWriter.Null), SettingsDefaults.DefaultVariant);
        await first.EnsureDefaultsAsync(Ct);
        (await first.PatchAsync(new() { ["kernel"] = new System.Text.Json.Nodes.JsonObject { ["sysctl"] = new System.Text.Json.Nodes.JsonObject { ["vm.swappiness"] = "10" } } }, "t", Ct)).Succeeded.ShouldBeTrue();
        (await first.CommitAndApplyAsync("t", null, Ct)).Succeeded.ShouldBeTrue();

        // The apiserver restarts: it applies everything again, with a new applier.
        var second = new SettingsService(store, new SettingsApplier(_dir.File("root"), _ => { }, TextWriter.Null), SettingsDefaults.DefaultVariant);
        (await second.ApplyAsync(null, Ct)).ShouldBeEmpty();
        (await second.RemoveAsync(["kernel.sysctl.\"vm.swappiness\""], "rm", Ct)).Succeeded.ShouldBeTrue();
        (await second.CommitAndApplyAsync("rm", null, Ct)).Value!.Failures.ShouldBeEmpty();

        File.ReadAllText(_dir.File("root/proc/sys/vm/swappiness")).ShouldBe("60\n");
    }

    [Fact]
    public async Task Commit_RequiredKeyRemovedBehindTheServicesBack_RefusedAtCommitNamingKeyAndRule()
    {
        var store = new InMemoryDatastore();
        var service = new SettingsService(store, new SettingsApplier(_dir.File("root"), _ => { }, TextWriter.Null), SettingsDefaults.DefaultVariant);
        await service.EnsureDefaultsAsync(Ct);
        (await store.RemovePendingAsync("rm", ["settings.updates"], new Dictionary<string, string>(), Ct)).ShouldBeNull();

        var refused = await service.CommitAsync("rm", Ct);

        refused.Errors.ShouldHaveSingleItem().ShouldStartWith("settings.updates.seed: cannot be removed (it is drawn once, on first boot");
        (await service.GetAsync(["updates.seed"], null, null, Ct)).Value!["updates"]!["seed"].ShouldNotBeNull();
    }
}
