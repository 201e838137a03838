using System.Text.Json.Nodes;
using Hull.Datastore;
using Hull.Settings;
using Microsoft.Extensions.Time.Testing;

namespace Hull.Tests.Settings;

/// <summary>
/// Commits that revert unless confirmed, on the real datastore and a temporary root, with a fake clock.
/// A "restart" opens the datastore directory again with a new service, as the apiserver does after a
/// crash or a reboot; the first store is simply abandoned, as a crash leaves it.
/// </summary>
public sealed class ConfirmedCommitTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string> _hostnames = [];

    public ConfirmedCommitTests()
    {
        Directory.CreateDirectory(_dir.File("root/etc"));
        Directory.CreateDirectory(_dir.File("root/proc/sys/net/ipv4"));
        Directory.CreateDirectory(_dir.File("root/proc/sys/kernel"));
        File.WriteAllText(_dir.File("root/proc/sys/net/ipv4/ip_forward"), "0\n");
        File.WriteAllText(_dir.File("root/proc/sys/kernel/hostname"), "hull\n");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task NotConfirmedInTime_OldValuesBackAndApplied_KeysItCreatedRemovedAndTheirFilesRestored()
    {
        var settings = await StartAsync();
        await CommitAsync(settings, new() { ["motd"] = "before" }, null);

        var committed = await CommitAsync(settings, new()
        {
            ["motd"] = "after",
            ["kernel"] = new JsonObject { ["sysctl"] = new JsonObject { ["net.ipv4.ip_forward"] = "1" } },
        }, Minute);
        committed.Confirmation.ShouldNotBeNull().Changes.Select(c => (c.Key, c.Before)).ShouldBe([("settings.kernel.sysctl.\"net.ipv4.ip_forward\"", null), ("settings.motd", "\"before\"")]);
        Read("etc/motd").ShouldBe("after\n");
        Read("proc/sys/net/ipv4/ip_forward").ShouldBe("1");

        _time.Advance(Minute - TimeSpan.FromSeconds(1));
        await settings.LastRevert;
        Read("etc/motd").ShouldBe("after\n");

        _time.Advance(TimeSpan.FromSeconds(1));
        await settings.LastRevert;

        Read("etc/motd").ShouldBe("before\n");
        Read("proc/sys/net/ipv4/ip_forward").ShouldBe("0\n", "the key did not exist, so the kernel gets back what it had");
        var live = (await settings.GetAsync(null, null, null, Ct)).Value!;
        live["kernel"]?["sysctl"].ShouldBeNull();
        (await settings.PendingConfirmationAsync(Ct)).Errors.Single().ShouldContain("was not confirmed by 2026-11-27T12:01:00");
    }

    [Fact]
    public async Task NotConfirmedInTime_HostnameThatWasNotSet_TheHostGetsItsOldNameBack()
    {
        var settings = await StartAsync();
        await CommitAsync(settings, new() { ["network"] = new JsonObject { ["hostname"] = "web-1" } }, Minute);
        _hostnames.ShouldBe(["web-1"]);
        Read("etc/hostname").ShouldBe("web-1\n");

        _time.Advance(Minute);
        await settings.LastRevert;

        _hostnames[^1].ShouldBe("hull");
        File.Exists(_dir.File("root/etc/hostname")).ShouldBeFalse("it did not exist before");
        Read("etc/hosts").ShouldContain("127.0.1.1 hull");
    }

    [Fact]
    public async Task ConfirmedInTime_Kept()
    {
        var settings = await StartAsync();
        var committed = await CommitAsync(settings, new() { ["motd"] = "kept" }, Minute);

        (await settings.ConfirmAsync(committed.Confirmation!.Id, Ct)).Succeeded.ShouldBeTrue();
        _time.Advance(Minute * 2);
        await settings.LastRevert;

        Read("etc/motd").ShouldBe("kept\n");
        (await settings.ConfirmAsync(null, Ct)).Failure.ShouldBe(SettingsFailure.NotFound);
    }

    [Fact]
    public async Task Restart_BeforeTheDeadline_TheRestOfTheTimeThenReverted()
    {
        var first = await StartAsync();
        await CommitAsync(first, new() { ["motd"] = "before" }, null);
        await CommitAsync(first, new() { ["motd"] = "after" }, Minute);

        _time.Advance(TimeSpan.FromSeconds(20));
        var second = await StartAsync();
        Read("etc/motd").ShouldBe("after\n");

        _time.Advance(TimeSpan.FromSeconds(39));
        await second.LastRevert;
        (await second.PendingConfirmationAsync(Ct)).Succeeded.ShouldBeTrue();

        _time.Advance(TimeSpan.FromSeconds(1));
        await second.LastRevert;
        Read("etc/motd").ShouldBe("before\n");
    }

    [Fact]
    public async Task Restart_AfterTheDeadline_RevertedBeforeAnythingIsApplied()
    {
        var first = await StartAsync();
        await CommitAsync(first, new() { ["network"] = new JsonObject { ["hostname"] = "old-name" } }, null);
        await CommitAsync(first, new() { ["network"] = new JsonObject { ["hostname"] = "new-name" } }, Minute);
        _hostnames.Clear();

        _time.Advance(TimeSpan.FromHours(5));
        var second = await StartAsync();

        _hostnames.ShouldNotBeEmpty();
        _hostnames.ShouldAllBe(name => name == "old-name", "the boot's apply must not set the unconfirmed name again");
        Read("etc/hostname").ShouldBe("old-name\n");
        (await second.PendingConfirmationAsync(Ct)).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task Restart_ClockGoneBackwards_WaitsNoLongerThanTheWindow()
    {
        var first = await StartAsync();
        await CommitAsync(first, new() { ["motd"] = "before" }, null);
        await CommitAsync(first, new() { ["motd"] = "after" }, Minute);

        var yearEarlier = new FakeTimeProvider(_time.GetUtcNow() - TimeSpan.FromDays(365));
        var second = await StartAsync(yearEarlier);
        yearEarlier.Advance(Minute - TimeSpan.FromSeconds(1));
        await second.LastRevert;
        Read("etc/motd").ShouldBe("after\n");

        yearEarlier.Advance(TimeSpan.FromSeconds(1));
        await second.LastRevert;

        Read("etc/motd").ShouldBe("before\n");
    }

    [Fact]
    public async Task AwaitingConfirmation_CommitOfItsKeysConflictsOthersGoAhead()
    {
        var settings = await StartAsync();
        await CommitAsync(settings, new() { ["motd"] = "guarded" }, Minute);

        (await settings.PatchAsync(new() { ["motd"] = "sneaky" }, "other", Ct)).Succeeded.ShouldBeTrue();
        var conflict = await settings.CommitAndApplyAsync("other", null, Ct);
        conflict.Failure.ShouldBe(SettingsFailure.Conflict);
        conflict.Errors.Single().ShouldContain("would change settings.motd");

        (await settings.PatchAsync(new() { ["network"] = new JsonObject { ["hostname"] = "fine" } }, "another", Ct)).Succeeded.ShouldBeTrue();
        (await settings.CommitAndApplyAsync("another", null, Ct)).Succeeded.ShouldBeTrue();
    }

    private async Task<SettingsService> StartAsync(TimeProvider? time = null)
    {
        var store = await FileDatastore.OpenAsync(_dir.File("datastore"), Ct);
        _dir.Write("root/sys/kernel/security/lockdown", "[none] integrity confidentiality\n"); // the kernel's, for the default lockdown
        var settings = new SettingsService(store, new SettingsApplier(_dir.File("root"), _hostnames.Add, TextWriter.Null), SettingsDefaults.DefaultVariant, time ?? _time);
        await settings.EnsureDefaultsAsync(Ct);
        await settings.ResumeConfirmationAsync(Ct);
        (await settings.ApplyAsync(null, Ct)).ShouldBeEmpty();
        return settings;
    }

    private static async Task<CommitApplied> CommitAsync(SettingsService settings, JsonObject patch, TimeSpan? confirmWithin)
    {
        var transaction = "t" + Guid.NewGuid().ToString("N")[..8];
        (await settings.PatchAsync(patch, transaction, Ct)).Errors.ShouldBeEmpty();
        var committed = await settings.CommitAndApplyAsync(transaction, confirmWithin, Ct);
        committed.Errors.ShouldBeEmpty();
        return committed.Value!;
    }

    private string Read(string path) => File.ReadAllText(_dir.File("root/" + path));
}
