using Hull.Api;
using Hull.Datastore;
using Hull.Testing;
using Hull.Updates;

namespace Hull.Tests.Api;

public sealed class SettingsMigratorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryDatastore _store = new();
    private readonly StringWriter _console = new();

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_FirstBoot_RecordsTheVersionAndChangesNothing()
    {
        await Live(("settings.motd", "\"hi\""));
        (await SettingsMigrator.RunAsync(_store, _dir.Path, new HullVersion(1, 0, 0), _console, Ct)).ShouldBeTrue();

        File.ReadAllText(_dir.File("settings-version")).ShouldBe("1.0.0\n");
        (await LiveAsync()).ShouldBe(new Dictionary<string, string> { ["settings.motd"] = "\"hi\"" });
    }

    [Fact]
    public async Task RunAsync_AfterUpdate_RunsForwardStepsAndRecordsTheNewVersion()
    {
        await Live(("settings.motd", "\"hi\""), ("settings.ntp.time-servers", "[\"a\"]"));
        Save("1.1.0", """[{"name":"motd-to-banner","forward":[{"op":"rename","key":"settings.motd","to":"settings.banner"}],"backward":[{"op":"rename","key":"settings.banner","to":"settings.motd"}]}]""");
        File.WriteAllText(_dir.File("settings-version"), "1.0.0\n");

        (await SettingsMigrator.RunAsync(_store, _dir.Path, new HullVersion(1, 1, 0), _console, Ct)).ShouldBeTrue();

        (await LiveAsync()).ShouldBe(new Dictionary<string, string> { ["settings.banner"] = "\"hi\"", ["settings.ntp.time-servers"] = "[\"a\"]" });
        File.ReadAllText(_dir.File("settings-version")).ShouldBe("1.1.0\n");
        _console.ToString().ShouldContain("migrated from version 1.0.0 to 1.1.0 (1 step(s))");
    }

    [Fact]
    public async Task RunAsync_BackOnTheOlderVersion_RunsBackwardSteps()
    {
        await Live(("settings.banner", "\"hi\""));
        Save("1.1.0", """[{"name":"motd-to-banner","forward":[{"op":"rename","key":"settings.motd","to":"settings.banner"}],"backward":[{"op":"rename","key":"settings.banner","to":"settings.motd"}]}]""");
        File.WriteAllText(_dir.File("settings-version"), "1.1.0\n");

        (await SettingsMigrator.RunAsync(_store, _dir.Path, new HullVersion(1, 0, 0), _console, Ct)).ShouldBeTrue();

        (await LiveAsync()).ShouldBe(new Dictionary<string, string> { ["settings.motd"] = "\"hi\"" });
        File.ReadAllText(_dir.File("settings-version")).ShouldBe("1.0.0\n");
    }

    [Fact]
    public async Task RunAsync_UnreadableMigrationFile_NamesItAndLeavesSettingsAndVersionAlone()
    {
        await Live(("settings.motd", "\"hi\""));
        Save("1.1.0", "{not json");
        File.WriteAllText(_dir.File("settings-version"), "1.0.0\n");

        (await SettingsMigrator.RunAsync(_store, _dir.Path, new HullVersion(1, 1, 0), _console, Ct)).ShouldBeFalse();

        _console.ToString().ShouldContain("1.1.0.json: not a list of settings migrations");
        (await LiveAsync()).ShouldBe(new Dictionary<string, string> { ["settings.motd"] = "\"hi\"" });
        File.ReadAllText(_dir.File("settings-version")).ShouldBe("1.0.0\n");
    }

    private void Save(string version, string json)
    {
        Directory.CreateDirectory(_dir.File("migrations"));
        File.WriteAllText(_dir.File($"migrations/{version}.json"), json);
    }

    private async Task Live(params (string Key, string Value)[] values)
    {
        (await _store.SetPendingAsync("seed", values.ToDictionary(v => v.Key, v => v.Value), Ct)).ShouldBeNull();
        (await _store.CommitAsync("seed", Ct)).Error.ShouldBeNull();
    }

    private async Task<IReadOnlyDictionary<string, string>> LiveAsync() => (await _store.GetLiveAsync(null, Ct)).Value;
}
